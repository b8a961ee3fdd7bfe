package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keyword probes correcting how often leave-one-out probes miss their entry ({@link Calibration#keywordProbe}). */
class KeywordScaleTest {
  private static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);

  /**
   * Leave-one-out probes at cosine 0.80, lead 0.06: half find their entry, half a sibling, so the
   * plain fit cannot answer them within budget. {@code keywordsRight} of {@code keywords} keyword
   * probes find theirs.
   */
  private static Calibration kb(int keywords, int keywordsRight) {
    Calibration c = new Calibration();
    for (int i = 0; i < 30; i++) {
      c.positive(new float[] {0.80f, 0.74f, 0.1f}, 0);
      c.positive(new float[] {0.74f, 0.80f, 0.1f}, 0);
      c.inDomainNegative(new float[] {0.1f, 0.1f, 0.5f});
      c.genericNegative(new float[] {0.1f, 0.4f, 0.1f});
    }
    for (int i = 0; i < keywords; i++) {
      c.keywordProbe(i < keywordsRight ? new float[] {0.7f, 0.5f, 0.1f} : new float[] {0.5f, 0.7f, 0.1f}, 0);
    }
    return c;
  }

  @Test
  void keywordsThatFindTheirEntryMakeTheProbesWrongAnswersCountLess() {
    assertThat(kb(0, 0).fit(0.05, FALLBACK).answers(0.80, 0.06)).as("no keywords").isFalse();

    Calibration c = kb(20, 19); // 95% right against the probes' 50%: a wrong probe counts 0.05 / 0.5 = 0.1
    assertThat(c.wrongScale()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.fit(0.05, FALLBACK).answers(0.80, 0.06)).isTrue();
  }

  @Test
  void tooFewKeywordsOrKeywordsNoBetterThanTheProbesChangeNothing() {
    assertThat(kb(9, 9).wrongScale()).isEqualTo(1);
    assertThat(kb(9, 9).fit(0.05, FALLBACK).answers(0.80, 0.06)).isFalse();
    assertThat(kb(20, 6).wrongScale()).as("keywords worse than the probes: never more than once").isEqualTo(1);
  }

  @Test
  void theAgreementFitIgnoresTheScaleBecauseAgreementOnlyLoosensAlready() {
    Calibration c = new Calibration();
    for (int i = 0; i < 30; i++) { // BM25 agrees with every probe; half of them are a sibling's
      c.positive(new float[] {0.80f, 0.74f, 0.1f}, 0, 0);
      c.positive(new float[] {0.74f, 0.80f, 0.1f}, 0, 1);
      c.inDomainNegative(new float[] {0.1f, 0.1f, 0.5f});
      c.genericNegative(new float[] {0.1f, 0.4f, 0.1f});
    }
    for (int i = 0; i < 20; i++) {
      c.keywordProbe(i < 19 ? new float[] {0.7f, 0.5f, 0.1f} : new float[] {0.5f, 0.7f, 0.1f}, 0);
    }
    assertThat(c.wrongScale()).isLessThan(1);
    assertThat(c.jointFit(0.05).agreed().answers(0.80, 0.06)).isFalse();
  }

  @Test
  void aScaledFitAimsAtTheGoalNotAtTheLargerBudgetChosenForUnscaledProbes() {
    Calibration c = new Calibration();
    for (int i = 0; i < 80; i++) {
      c.positive(new float[] {0.95f, 0.70f, 0.1f}, 0);
    }
    for (int i = 0; i < 10; i++) {
      c.positive(new float[] {0.75f, 0.65f, 0.1f}, 0);
    }
    for (int i = 0; i < 20; i++) { // wrong: accuracy 90 / 110
      c.positive(new float[] {0.75f, 0.65f, 0.1f}, 1);
      c.inDomainNegative(new float[] {0.1f, 0.1f, 0.3f});
      c.genericNegative(new float[] {0.1f, 0.3f, 0.1f});
    }
    for (int i = 0; i < 100; i++) { // 94% right: scale 0.06 / (20 / 110) = 0.33, wrong answers at 0.75 cost 5.1%
      c.keywordProbe(i < 94 ? new float[] {0.7f, 0.5f, 0.1f} : new float[] {0.5f, 0.7f, 0.1f}, 0);
    }
    assertThat(c.fit(0.06, FALLBACK).answers(0.75, 0.1)).as("plain fit at 0.06").isTrue();
    assertThat(c.fitHybrid(0.06, FALLBACK).disagreed().answers(0.75, 0.1)).isFalse();
    assertThat(c.fitHybrid(0.06, FALLBACK).disagreed().answers(0.95, 0.25)).isTrue();
  }

  /**
   * A route with about one probe per entry, as the food-delivery KB's Chinese route (faq12: 50 probes, so each
   * wrong one costs 1.7 points of a 6% budget): 50 positives over cosines 0.550–0.893, one every 0.007, all with
   * a clear lead so that only the answer threshold can shed a wrong one. Under 0.70 every other one is wrong, above
   * it three (0.802, 0.844, 0.872); {@code extraWrong} adds more at those cosines. {@code keywordsRight} of 40
   * keywords find their entry.
   */
  private static Calibration sparseRoute(int keywordsRight, double... extraWrong) {
    Calibration c = new Calibration();
    for (int i = 0; i < 50; i++) {
      double best = 0.55 + i * 0.007;
      boolean wrong = best < 0.70 ? i % 2 == 0 : i == 36 || i == 42 || i == 46;
      c.positive(CalibrationTest.scores(wrong ? 1 : 0, best, 0.15), 0);
    }
    for (double e : extraWrong) {
      c.positive(CalibrationTest.scores(1, e, 0.15), 0);
    }
    for (int i = 0; i < 60; i++) {
      c.inDomainNegative(CalibrationTest.scores(2, 0.40 + i * 0.003, 0.15));
      c.genericNegative(CalibrationTest.scores(2, 0.30 + i * 0.003, 0.15));
    }
    for (int i = 0; i < 40; i++) {
      c.keywordProbe(i < keywordsRight ? new float[] {0.7f, 0.5f, 0.1f} : new float[] {0.5f, 0.7f, 0.1f}, 0);
    }
    return c;
  }

  /** How far one more wrong probe, at 0.75 (above the bars either fit chooses), moves the hybrid fit's answer bar. */
  private static double shiftFromOneMoreWrongProbe(int keywordsRight) {
    double bar = sparseRoute(keywordsRight).fitHybrid(0.06, FALLBACK).disagreed().answer();
    return sparseRoute(keywordsRight, 0.75).fitHybrid(0.06, FALLBACK).disagreed().answer() - bar;
  }

  /** The property faq13 turned the keyword scale on for: one or two probes no longer set a sparse route's bar. */
  @Test
  void withKeywordsOneMoreWrongProbeMovesTheBarByAtMostTwoGridSteps() {
    assertThat(sparseRoute(36).wrongScale()).as("36 of 40 keywords right against 36 of 50 probes")
        .isCloseTo(0.1 / 0.28, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(shiftFromOneMoreWrongProbe(36)).isLessThanOrEqualTo(2 * FitGrid.STEP + 1e-9);
  }

  @Test
  void withoutTheScaleOneMoreWrongProbeMovesTheBarPastIt() {
    // The estimate up to faq12 (no keyword evidence: each wrong probe counts once). The bar sits just above the
    // wrong probes under 0.70 with the three high ones using up the budget, so a fourth must go: the bar jumps over
    // the new probe at 0.75.
    assertThat(sparseRoute(0).wrongScale()).isEqualTo(1);
    assertThat(shiftFromOneMoreWrongProbe(0)).isGreaterThan(0.05);
  }
}
