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
}
