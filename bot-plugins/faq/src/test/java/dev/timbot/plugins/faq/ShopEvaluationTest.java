package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance goal of the FAQ plugin on the shipped shop KB and its paraphrase case file. */
class ShopEvaluationTest {
  private static final Path KB = Path.of("src/main/resources/kb/shop-faq.yaml");
  private static final Path CASES = Path.of("src/test/resources/kb/shop-cases.tsv");
  private static final Path HOLDOUT = Path.of("src/test/resources/kb/shop-cases-holdout.tsv");

  @Test
  void caseFileIsBigAndVariedEnough() throws Exception {
    List<EvalCase> cases = EvalCase.readTsv(CASES);
    KnowledgeBase kb = KnowledgeBase.load(KB).orThrow();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
    assertThat(cases.stream().filter(c -> !c.inScope()).count()).isGreaterThanOrEqualTo(30);
    assertThat(cases).filteredOn(EvalCase::inScope)
        .allSatisfy(c -> assertThat(kb.entry(c.expectedId())).as("line " + c.line()).isPresent());
    assertThat(cases).extracting(EvalCase::query)
        .anyMatch(q -> q.matches(".*[訂單貨運費].*"))
        .anyMatch(q -> q.matches(".*[\\uFF01-\\uFF5E].*"))
        .anyMatch(q -> q.matches(".*[a-z].*[\\u4e00-\\u9fff].*|.*[\\u4e00-\\u9fff].*[a-z].*"));
    // Paraphrases, not copies: no case is literally one of the KB's phrasings.
    List<String> phrasings = kb.entries().stream().flatMap(e -> e.questions().stream()).toList();
    assertThat(cases).extracting(EvalCase::query).noneMatch(phrasings::contains);
  }

  @Test
  void meetsTheAccuracyAndFalseAnswerGoals() throws Exception {
    try (FaqEngine engine = FaqEngine.build(KnowledgeBase.load(KB).orThrow())) {
      EvalReport report = FaqEvaluator.evaluate(engine, EvalCase.readTsv(CASES));
      System.out.print(report.summary());
      assertThat(report.top1Accuracy()).as("top-1 accuracy").isGreaterThanOrEqualTo(0.90);
      assertThat(report.falseAnswerRate()).as("false-answer rate").isLessThan(0.05);
    }
  }

  /**
   * The held-out file was written after the KB was tuned and is never tuned on, so it shows how
   * the KB generalises (about 77% top-1 when written). The bar is lower than the goal on purpose:
   * it is a regression guard for engine changes, not a target to tune the KB towards.
   */
  @Test
  void heldOutCasesDoNotRegress() throws Exception {
    try (FaqEngine engine = FaqEngine.build(KnowledgeBase.load(KB).orThrow())) {
      EvalReport report = FaqEvaluator.evaluate(engine, EvalCase.readTsv(HOLDOUT));
      System.out.print(report.summary());
      assertThat(report.top1Accuracy()).as("held-out top-1 accuracy").isGreaterThanOrEqualTo(0.70);
      assertThat(report.falseAnswerRate()).as("held-out false-answer rate").isLessThan(0.08);
    }
  }
}
