package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KbGeneratorTest {

  @Test
  void isDeterministic() {
    KnowledgeBase a = KbGenerator.generate(500, 42);
    KnowledgeBase b = KbGenerator.generate(500, 42);
    assertThat(a.entries()).isEqualTo(b.entries());
    assertThat(KbGenerator.queries(500, 42, 50)).isEqualTo(KbGenerator.queries(500, 42, 50));
    assertThat(KbGenerator.generate(500, 7).entries()).isNotEqualTo(a.entries());
  }

  /** Not a benchmark (that lives in the benchmarks module): only that 10 000 entries index and answer. */
  @Test
  void tenThousandEntryKbIndexesAndAnswers() {
    KnowledgeBase kb = KbGenerator.generate(10_000, 42);
    assertThat(kb.size()).isEqualTo(10_000);
    try (FaqEngine engine = FaqEngine.build(kb)) {
      FaqEntry target = kb.entries().get(1234);
      FaqResult exact = engine.query(target.questions().get(0));
      assertThat(exact.bestEntryId()).isEqualTo(target.id());
      assertThat(exact.decision()).isEqualTo(FaqDecision.ANSWER);

      List<String> queries = KbGenerator.queries(10_000, 42, 200);
      long withCandidates = queries.stream().filter(q -> !engine.query(q).ranked().isEmpty()).count();
      assertThat(withCandidates).isEqualTo(queries.size());
    }
  }
}
