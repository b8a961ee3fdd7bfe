package dev.timbot.plugins.faq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.EvalCase;
import dev.timbot.plugins.faq.KbGenerator;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The BM25 index holds each file in one buffer (faqperf22); Lucene's default keeps it in many blocks. The same bytes
 * must give the same hits — entries, phrasings, raw and normalised scores, order — on a large generated KB and on
 * hand-written KBs with their case questions. (The term statistics looked up with one enumeration per field,
 * {@link TermLookup}, are held to Lucene's own by {@link FaqIndexTopHitsTest}: its reference search builds them itself.)
 */
class FaqIndexBuffersTest {

  @Test
  void oneBufferPerFileFindsWhatManyBlocksFind() throws Exception {
    assertSameHits(KbGenerator.generate(3_000, 42), KbGenerator.queries(3_000, 42, 600));
    Path dir = Path.of("src", "test", "resources", "kb");
    for (String set : List.of("telecom", "bank", "hotel")) {
      KnowledgeBase kb = KnowledgeBase.load(dir.resolve(set + "-faq.yaml")).orThrow();
      List<String> queries = new ArrayList<>();
      EvalCase.readTsv(dir.resolve(set + "-cases.tsv")).forEach(c -> queries.add(c.query()));
      assertSameHits(kb, queries);
    }
  }

  private static void assertSameHits(KnowledgeBase kb, List<String> queries) throws Exception {
    try (FaqIndex oneBuffer = new FaqIndex(kb);
        FaqIndex blocks = new FaqIndex(kb, ByteBuffersDirectory.OUTPUT_AS_MANY_BUFFERS)) {
      int withHits = 0;
      for (String q : queries) {
        String normalized = TextNormalizer.normalize(q).strip();
        List<FaqIndex.Hit> hits = oneBuffer.search(normalized, 10);
        assertThat(hits).as(q).isEqualTo(blocks.search(normalized, 10));
        assertThat(hits).as(q).isEqualTo(blocks.searchCountingHits(normalized, 10));
        withHits += hits.isEmpty() ? 0 : 1;
      }
      assertThat(withHits).isGreaterThan(queries.size() / 2);
    }
  }
}
