package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.EvalCase;
import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KbGenerator;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Bigrams} (faqperf22) must give the reranker's overlap and coverage features bit for bit as the sets of
 * two-char strings they were fitted on (the reference below is the code it replaced), for case questions against
 * every phrasing and answer text of their KB, generated texts, and odd texts (spaces, surrogate pairs, repeats).
 */
class BigramsTest {

  @Test
  void overlapAndCoverageAreThoseOfStringSets() throws Exception {
    Path dir = Path.of("src", "test", "resources", "kb");
    int pairs = 0;
    for (String set : List.of("telecom", "bank", "hotel")) {
      KnowledgeBase kb = KnowledgeBase.load(dir.resolve(set + "-faq.yaml")).orThrow();
      List<String> texts = new ArrayList<>();
      for (FaqEntry e : kb.entries()) {
        e.questions().forEach(q -> texts.add(TextNormalizer.normalize(q)));
        texts.add(TextNormalizer.normalize(e.title() + " " + e.answerText()));
      }
      for (EvalCase c : EvalCase.readTsv(dir.resolve(set + "-cases.tsv")).subList(0, 40)) {
        String q = TextNormalizer.normalize(c.query()).strip();
        for (String t : texts) {
          assertSame(q, t);
          pairs++;
        }
      }
    }
    List<String> generated = KbGenerator.queries(500, 7, 200);
    for (int i = 0; i + 1 < generated.size(); i++) {
      assertSame(TextNormalizer.normalize(generated.get(i)), TextNormalizer.normalize(generated.get(i + 1)));
    }
    List<String> odd = List.of("", " ", "a", "ab", "a b", "aaaa", "abab", "ab ab ba", "𠀀𠀁 𠀀", "卡卡卡", "银行卡丢了",
        "银行卡丢失 lost card", " 挂 失 ", "\u200b卡\u200b", "x".repeat(600));
    for (String a : odd) {
      for (String b : odd) {
        assertSame(a, b);
      }
    }
    assertThat(pairs).isGreaterThan(10_000);
  }

  private static void assertSame(String query, String text) {
    Set<String> q = reference(query);
    Set<String> t = reference(text);
    Bigrams bq = Bigrams.of(query);
    Bigrams bt = Bigrams.of(text);
    assertThat(bq.size()).as(query).isEqualTo(q.size());
    assertThat(Double.doubleToRawLongBits(RerankFeatures.overlap(bq, bt))).as("%s / %s", query, text)
        .isEqualTo(Double.doubleToRawLongBits(overlap(q, t)));
    assertThat(Double.doubleToRawLongBits(RerankFeatures.coverage(bq, bt))).as("%s / %s", query, text)
        .isEqualTo(Double.doubleToRawLongBits(coverage(q, t)));
  }

  // The string-set code Bigrams replaced, kept as the reference.
  private static Set<String> reference(String text) {
    String t = text.replace(" ", "");
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 1 < t.length(); i++) {
      out.add(t.substring(i, i + 2));
    }
    return out;
  }

  private static double overlap(Set<String> a, Set<String> b) {
    return a.isEmpty() || b.isEmpty() ? 0 : 2.0 * shared(a, b) / (a.size() + b.size());
  }

  private static double coverage(Set<String> query, Set<String> text) {
    return query.isEmpty() ? 0 : (double) shared(query, text) / query.size();
  }

  private static int shared(Set<String> a, Set<String> b) {
    int n = 0;
    for (String s : a) {
      if (b.contains(s)) {
        n++;
      }
    }
    return n;
  }
}
