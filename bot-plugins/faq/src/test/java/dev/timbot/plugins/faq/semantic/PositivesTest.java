package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The leave-two-out extrapolation of calibration's positives ({@link Positives}) and its suggest threshold. */
class PositivesTest {
  private static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);

  /**
   * A KB whose leave-one-out probes sit at cosine 0.80, lead 0.06: 40 with their entry on top and
   * 20 with a sibling on top. With one more phrasing left out the right ones lose their entry to
   * the sibling (wrong), the wrong ones stay wrong: each phrasing fewer costs right answers, so
   * with all of them (a real question) fewer are wrong than the probes show.
   */
  private static Calibration kb(boolean extrapolate) {
    Calibration c = new Calibration(extrapolate, false);
    for (int i = 0; i < 40; i++) {
      c.positive(new float[] {0.80f, 0.74f, 0.1f}, 0, -1, new float[] {0.5f});
    }
    for (int i = 0; i < 20; i++) {
      c.positive(new float[] {0.74f, 0.80f, 0.1f}, 0, -1, new float[] {0.5f});
    }
    for (int i = 0; i < 40; i++) {
      c.inDomainNegative(new float[] {0.1f, 0.1f, 0.60f + i * 0.002f});
      c.genericNegative(new float[] {0.1f, 0.40f, 0.1f});
    }
    return c;
  }

  @Test
  void probesThatLoseTheirEntryWhenAPhrasingFewerAreExtrapolatedToAnsweringThem() {
    Thresholds plain = kb(false).fit(0.05, FALLBACK);
    Thresholds extrapolated = kb(true).fit(0.05, FALLBACK);

    // Plain leave-one-out: a third of the probes at (0.80, 0.06) are wrong, far over the budget.
    assertThat(plain.answers(0.80, 0.06)).isFalse();
    // Extrapolated: 2 × 20 wrong − (20 + 40) wrong with a phrasing fewer → none; answered.
    assertThat(extrapolated.answers(0.80, 0.06)).isTrue();
  }

  @Test
  void withoutPhrasingsToLeaveOutTheCountsAreTheLeaveOneOutOnes() {
    Positives p = new Positives(true);
    Calibration.Probe right = new Calibration.Probe(0.8, 0.1, true, false);
    Calibration.Probe wrong = new Calibration.Probe(0.8, 0.1, false, false);
    p.add(right, List.of());
    p.add(wrong, List.of());
    p.add(right, List.of(right, wrong)); // half the variants stay right
    Positives.Count c = p.counted().count(0.75, 0.05);
    // right: 2 × 2 − (1 + 0 + 0.5) = 2.5; wrong: 2 × 1 − (0 + 1 + 0.5) = 0.5
    assertThat(c.right()).isEqualTo(2.5);
    assertThat(c.wrong()).isEqualTo(0.5);
    assertThat(new Positives(false).counted().count(0.75, 0.05)).isEqualTo(new Positives.Count(0, 0));
    assertThat(p.select(x -> !x.right()).counted().count(0.75, 0.05)).isEqualTo(new Positives.Count(0, 1));
  }

  /** A KB whose right and wrong probes differ by lead only, so the grid's answer threshold can stay at its bottom. */
  private static Calibration marginOnly(boolean floor) {
    Calibration c = new Calibration(false, floor);
    for (int i = 0; i < 30; i++) {
      c.positive(new float[] {0.75f, 0.55f, 0.1f}, 0); // right, clear lead
      c.positive(new float[] {0.60f, 0.62f, 0.1f}, 0); // a sibling on top, barely ahead
      c.inDomainNegative(new float[] {0.1f, 0.50f, 0.52f}); // flat: the margin keeps these out
      c.genericNegative(new float[] {0.1f, 0.53f, 0.55f}, -1, true); // everyday text in the route's language
      c.genericNegative(new float[] {0.1f, 0.93f, 0.95f}, -1, false); // the other language: the model's noise
    }
    return c;
  }

  @Test
  void theAnswerThresholdNeverSinksBelowEverydayTextInTheRoutesLanguage() {
    Thresholds without = marginOnly(false).fit(0.05, FALLBACK);
    Thresholds with = marginOnly(true).fit(0.05, FALLBACK);

    // Without the floor the margin alone keeps the probes within budget and the threshold sits at
    // the grid's bottom: a query scoring like chit-chat, far ahead of flat scores, would be answered.
    assertThat(without.answers(0.52, 0.3)).as(without.toString()).isTrue();
    // With it, not; the right probes still are, and the other language's noise (0.95) sets nothing.
    assertThat(with.answer()).isGreaterThanOrEqualTo(0.55).isLessThan(0.6);
    assertThat(with.suggest()).isEqualTo(0.55, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(with.answers(0.52, 0.3)).isFalse();
    assertThat(with.answers(0.75, 0.2)).isTrue();
  }

  @Test
  void theFloorBoundsTheSearch_soAPointAboveItThatAnswersMoreIsFound() {
    // Review case: 30 right probes far ahead of flat scores but below everyday text (0.52, lead
    // 0.30), 30 right at (0.70, 0.05), 30 wrong at (0.58, 0.06), everyday text at 0.55. The best
    // unfloored point is (0.5, 0.065), which answers the first group only; raised to the floor
    // afterwards it answered nothing. Searched above the floor: (≥ 0.59, 0) answers the second group.
    Calibration c = new Calibration(false, true);
    for (int i = 0; i < 30; i++) {
      c.positive(new float[] {0.52f, 0.22f, 0.1f}, 0);
      c.positive(new float[] {0.70f, 0.65f, 0.1f}, 0);
      c.positive(new float[] {0.52f, 0.58f, 0.1f}, 0);
      c.inDomainNegative(new float[] {0.1f, 0.1f, 0.3f});
      c.genericNegative(new float[] {0.1f, 0.53f, 0.55f}, -1, true);
    }
    Thresholds t = c.fit(0.06, FALLBACK);

    assertThat(t.answers(0.70, 0.05)).as(t.toString()).isTrue();
    assertThat(t.answers(0.58, 0.06)).as(t.toString()).isFalse();
    // Nothing below the floor is answered, however large its lead (a lead weight included).
    assertThat(t.answers(0.52, 0.30)).as(t.toString()).isFalse();
    assertThat(new Thresholds(0.6, 0.05, 0.55, 2).answers(0.54, 0.4)).isFalse();
  }

  @Test
  void fewerPhrasingsLeavesOutEachOtherPhrasingInTurnButNeverTheAnswerRow() {
    // Entry rows: phrasings 0, 1, 2 and its question+answer row; the probe is phrasing 1.
    List<float[]> rows = List.of(unit(1, 0), unit(0.6, 0.8), unit(0.8, 0.6), unit(0, 1));
    List<SemanticIndex.RowSource> sources = List.of(new SemanticIndex.RowSource(0, 0),
        new SemanticIndex.RowSource(0, 1), new SemanticIndex.RowSource(0, 2), new SemanticIndex.RowSource(0, -1));
    float[] fewer = Positives.fewerPhrasings(rows.get(1), 1, List.of(0, 1, 2, 3), rows, sources);
    // Without phrasing 0: max(cos to 2 = 0.96, to the answer row = 0.8); without phrasing 2: max(0.6, 0.8).
    assertThat(fewer).hasSize(2);
    assertThat(fewer[0]).isCloseTo(0.96f, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(fewer[1]).isCloseTo(0.8f, org.assertj.core.data.Offset.offset(1e-5f));
  }

  private static float[] unit(double x, double y) {
    return new float[] {(float) x, (float) y};
  }
}
