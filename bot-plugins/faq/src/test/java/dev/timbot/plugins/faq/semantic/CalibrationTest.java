package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalibrationTest {
  private static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);

  /** Scores for 3 entries: {@code best} for entry {@code top}, {@code best - lead} for the next. */
  static float[] scores(int top, double best, double lead) {
    float[] s = {0.1f, 0.1f, 0.1f};
    s[top] = (float) best;
    s[(top + 1) % 3] = (float) (best - lead);
    return s;
  }

  @Test
  void answersAboveTheNegativesAndKeepsTheFalseRateWithinBudget() {
    Calibration c = new Calibration();
    for (int i = 0; i < 80; i++) {
      c.positive(scores(0, 0.80 + i * 0.002, 0.10), 0); // right, scores 0.80–0.96
    }
    for (int i = 0; i < 20; i++) {
      c.positive(scores(1, 0.70 + i * 0.002, 0.02), 0); // a sibling wins, closely, below 0.75
    }
    for (int i = 0; i < 40; i++) {
      c.inDomainNegative(scores(2, 0.60 + i * 0.003, 0.10)); // up to 0.72, as clear a lead as a right answer
      c.genericNegative(scores(2, 0.40 + i * 0.005, 0.05)); // up to 0.60
    }

    Thresholds t = c.fit(0.02, FALLBACK);

    // Every right positive is answered; the close wrong siblings are not (margin); most in-domain
    // negatives and every generic one are not (threshold).
    assertThat(t.answer()).isBetween(0.69, 0.80);
    assertThat(t.margin()).isGreaterThan(0.02).isLessThanOrEqualTo(0.10);
    assertThat(t.suggest()).isLessThanOrEqualTo(t.answer()).isGreaterThan(0.4);
  }

  @Test
  void aCloseSiblingRaisesTheMarginNotTheThreshold() {
    Calibration c = new Calibration();
    for (int i = 0; i < 60; i++) {
      c.positive(scores(0, 0.9, 0.08), 0); // right with a clear lead
      c.positive(scores(1, 0.9, 0.01), 0); // wrong sibling, as high but barely ahead
    }
    for (int i = 0; i < 20; i++) {
      c.inDomainNegative(scores(2, 0.5, 0.2));
      c.genericNegative(scores(2, 0.3, 0.2));
    }

    Thresholds t = c.fit(0.02, FALLBACK);

    assertThat(t.margin()).isBetween(0.0095, 0.08);
  }

  @Test
  void aBigLeadMakesUpForAModerateCosineWhenThatAnswersMoreRightly() {
    Calibration c = new Calibration();
    for (int i = 0; i < 60; i++) {
      c.positive(scores(0, 0.90, 0.03), 0); // right: high, small lead
    }
    for (int i = 0; i < 30; i++) {
      c.positive(scores(0, 0.74, 0.15), 0); // right: moderate cosine, far ahead of every other entry
    }
    for (int i = 0; i < 40; i++) {
      c.inDomainNegative(scores(2, 0.80, 0.03)); // out of the KB: fairly high, small lead
      c.genericNegative(scores(2, 0.40, 0.05));
    }

    Thresholds t = c.fit(0.02, FALLBACK);

    // The plain rule can have one group of right answers (cosine > 0.80, or lead > 0.03), not both.
    assertThat(t.leadWeight()).isPositive();
    assertThat(t.answers(0.90, 0.03)).isTrue();
    assertThat(t.answers(0.74, 0.15)).isTrue();
    assertThat(t.answers(0.80, 0.03)).isFalse();
  }

  @Test
  void noLeadWeightWhenThePlainRuleDoesAsWell() {
    Calibration c = new Calibration();
    for (int i = 0; i < 60; i++) {
      c.positive(scores(0, 0.90, 0.10), 0);
    }
    for (int i = 0; i < 40; i++) {
      c.inDomainNegative(scores(2, 0.60, 0.10));
      c.genericNegative(scores(2, 0.40, 0.05));
    }

    assertThat(c.fit(0.02, FALLBACK).leadWeight()).isZero();
  }

  @Test
  void theLeadWeightOnlyCountsTheLeadBeyondTheMargin() {
    Thresholds t = new Thresholds(0.85, 0.05, 0.5, 2);
    assertThat(t.answers(0.85, 0.05)).isTrue();
    assertThat(t.answers(0.84, 0.05)).as("no lead beyond the margin: plain rule").isFalse();
    assertThat(t.answers(0.75, 0.10)).as("0.75 + 2 × 0.05").isTrue();
    assertThat(t.answers(0.99, 0.04)).as("below the margin: never").isFalse();
  }

  @Test
  void tooFewProbesKeepTheFallback() {
    Calibration c = new Calibration();
    c.positive(scores(0, 0.9, 0.1), 0);
    c.inDomainNegative(scores(1, 0.5, 0.1));
    c.genericNegative(scores(1, 0.3, 0.1));
    assertThat(c.fit(0.02, FALLBACK)).isEqualTo(FALLBACK);
  }

  @Test
  void whenEveryConfidentAnswerIsWrongItNeverAnswers() {
    Calibration c = new Calibration();
    for (int i = 0; i < 20; i++) {
      c.positive(scores(1, 0.99, 0.3), 0); // always wrong, always confident
      c.inDomainNegative(scores(1, 0.99, 0.3));
      c.genericNegative(scores(1, 0.99, 0.3));
    }
    assertThat(c.fit(0.02, FALLBACK).answer()).isGreaterThan(0.99);
  }

  /** Like {@link #scores} with BM25's best entry: {@code top} when it agrees, another when not. */
  private static void positive(Calibration c, int top, double best, double lead, boolean agree) {
    c.positive(scores(top, best, lead), 0, agree ? top : (top + 2) % 3);
  }

  @Test
  void agreementWithBm25LoosensTheHybridThresholdsAndTheRestKeepTheSingleFit() {
    Calibration c = new Calibration();
    for (int i = 0; i < 60; i++) {
      positive(c, 0, 0.70 + i * 0.004, 0.03, true); // BM25 agrees: right even when close and lowish
      positive(c, 1, 0.70 + i * 0.004, 0.03, false); // BM25 disagrees: as close, and wrong
      positive(c, 0, 0.85, 0.10, false); // right with a clear lead
    }
    for (int i = 0; i < 40; i++) {
      c.inDomainNegative(scores(2, 0.50 + i * 0.002, 0.10), 1);
      c.genericNegative(scores(2, 0.40 + i * 0.002, 0.05), -1);
    }

    Thresholds single = c.fit(0.03, FALLBACK);
    Calibration.Hybrid hybrid = c.fitHybrid(0.03, FALLBACK);

    // Alone, close leads are mostly wrong: the margin shuts them out.
    assertThat(single.margin()).isGreaterThan(0.03);
    assertThat(hybrid.disagreed()).isEqualTo(single);
    // When BM25 agrees they are right, and they are answered.
    assertThat(hybrid.agreed().margin()).isLessThanOrEqualTo(0.03);
    assertThat(hybrid.agreed().answer()).isLessThanOrEqualTo(single.answer());
  }

  @Test
  void agreementNeverTightensTheThresholds() {
    Calibration c = new Calibration();
    for (int i = 0; i < 60; i++) {
      positive(c, 1, 0.95, 0.10, true); // BM25 agrees with a confident, wrong answer
      positive(c, 0, 0.80 + i * 0.002, 0.10, false); // right, without agreement
    }
    for (int i = 0; i < 20; i++) {
      c.inDomainNegative(scores(2, 0.5, 0.2), -1);
      c.genericNegative(scores(2, 0.3, 0.2), -1);
    }

    Thresholds single = c.fit(0.05, FALLBACK);
    Calibration.Hybrid hybrid = c.fitHybrid(0.05, FALLBACK);

    assertThat(hybrid.agreed().answer()).isLessThanOrEqualTo(single.answer());
    assertThat(hybrid.agreed().margin()).isLessThanOrEqualTo(single.margin());
    assertThat(hybrid.disagreed()).isEqualTo(single);
  }
}
