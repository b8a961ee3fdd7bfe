package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The suggest bar (and with the floor the lowest answer bar, which is also the bar for a clarifying question) sits
 * above 80% of everyday text in the route's language (faq9): chit-chat that outscores most everyday text but not
 * the top fifth gets "I don't know", not a list or a clarifying question naming two entries.
 */
class SuggestQuantileTest {
  private static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);

  /** Everyday text spread evenly over 0.40–0.69; right probes far above it, off-topic KB text flat and low. */
  private static Calibration calibration() {
    Calibration c = new Calibration(false, true);
    for (int i = 0; i < 30; i++) {
      float everyday = 0.40f + 0.01f * i;
      c.genericNegative(new float[] {0.1f, everyday - 0.01f, everyday}, -1, true);
      c.positive(new float[] {0.85f, 0.60f, 0.1f}, 0);
      c.inDomainNegative(new float[] {0.1f, 0.30f, 0.32f});
    }
    return c;
  }

  @Test
  void chitChatAboveMostEverydayTextGetsNothing() {
    Thresholds t = calibration().fit(0.06, FALLBACK);

    // At faq8's quantile (0.6) the bar was 0.58: a query at 0.61 got a list (or, over two flat entries, a question).
    assertThat(t.suggest()).as(t.toString()).isGreaterThan(0.62);
    assertThat(t.answer()).isGreaterThanOrEqualTo(t.suggest());
    assertThat(t.answers(0.85, 0.25)).isTrue();
    assertThat(SemanticRanker.ask("q", java.util.List.of(), t, 3).decision()).isEqualTo(dev.timbot.plugins.faq.FaqDecision.NONE);
  }

  @Test
  void theAnswerModelsWeightsAreThoseFittedAgainstTheCalibrationAndRerankerInUse() {
    AnswerModel expected = ThresholdSearch.SUGGEST_QUANTILE == 0.6 ? AnswerModel.FAQ8
        : Reranker.VERSION == Reranker.Version.FAQ9 ? AnswerModel.FAQ9
        : switch (AnswerModel.VERSION) {
          case FAQ10 -> AnswerModel.FAQ10;
          case FAQ15 -> AnswerModel.FAQ15;
          case FAQ20 -> AnswerModel.FAQ20;
          case FAQ38 -> AnswerModel.FAQ38;
          case FAQ39 -> AnswerModel.FAQ39;
        };
    assertThat(AnswerModel.DEFAULT).isEqualTo(expected);
    if (System.getProperty("timbot.faq.answerModel") == null) {
      assertThat(AnswerModel.VERSION).as("the default since session 39").isEqualTo(AnswerModel.Version.FAQ39);
    }
    assertThat(Reranker.DEFAULT).isEqualTo(Reranker.VERSION == Reranker.Version.FAQ9 ? Reranker.FAQ7 : Reranker.FAQ10);
  }
}
