package dev.timbot.plugins.faq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.EvalCase;
import dev.timbot.plugins.faq.KbGenerator;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BM25 search lets Lucene skip documents as soon as it holds its top hits ({@code FaqIndex.topHits}): it must
 * find exactly the hits — entries, phrasings, raw and normalised scores, order — that Lucene's default collection
 * (which counts the first 1 000 hits first) finds. A large generated KB is where skipping happens most (common words
 * match thousands of phrasings); the hand-written KBs bring real synonyms, keywords and typos.
 */
class FaqIndexTopHitsTest {

  @Test
  void aLargeGeneratedKbGetsTheSameHits() throws Exception {
    try (FaqIndex index = new FaqIndex(KbGenerator.generate(3_000, 42))) {
      int withHits = assertSameHits(index, KbGenerator.queries(3_000, 42, 600));
      assertThat(withHits).isGreaterThan(500);
    }
  }

  @Test
  void handWrittenKbsGetTheSameHits() throws Exception {
    Path dir = Path.of("src", "test", "resources", "kb");
    for (String set : List.of("telecom", "bank", "hotel")) {
      KnowledgeBase kb = KnowledgeBase.load(dir.resolve(set + "-faq.yaml")).orThrow();
      List<String> queries = new ArrayList<>();
      EvalCase.readTsv(dir.resolve(set + "-cases.tsv")).forEach(c -> queries.add(c.query()));
      try (FaqIndex index = new FaqIndex(kb)) {
        assertThat(assertSameHits(index, queries)).as(set).isGreaterThan(queries.size() / 2);
      }
    }
  }

  /** How many of the queries found anything. */
  private static int assertSameHits(FaqIndex index, List<String> queries) {
    int withHits = 0;
    for (String q : queries) {
      String normalized = TextNormalizer.normalize(q).strip();
      List<FaqIndex.Hit> hits = index.search(normalized, 10);
      assertThat(hits).as(q).isEqualTo(index.searchCountingHits(normalized, 10));
      if (!hits.isEmpty()) {
        withHits++;
      }
    }
    return withHits;
  }
}
