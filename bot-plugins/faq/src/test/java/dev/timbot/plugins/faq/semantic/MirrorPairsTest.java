package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Leave-one-out probes that lose to their mirror twin in another entry ({@link MirrorPairs}). */
class MirrorPairsTest {
  private static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);

  private static float[] unit(double... v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Vectors.unit(f);
  }

  /**
   * Entry 0 (transfer in): rows 0 and 1; entry 1 (transfer out): rows 2 and 3; entry 2: row 4. Rows 0 and 2 are
   * twins ("银行转证券" / "证券转银行": nearly the same vector); each entry's other phrasing is far from them.
   */
  private static List<float[]> rows(float[] row4) {
    return List.of(unit(1, 0.1, 0, 0, 0), unit(0.3, 0, 1, 0, 0), unit(1, 0.12, 0, 0, 0), unit(0.3, 0, 0, 1, 0), row4);
  }

  private static boolean lostToTwin(List<float[]> rows, int r) {
    VectorIndex index = new VectorIndex(rows, new int[] {0, 0, 1, 1, 2}, 3, 5);
    return MirrorPairs.lostToTwin(index, rows, r, index.entryScores(rows.get(r), r));
  }

  @Test
  void aPhrasingThatLosesThroughItsTwinIsFound() {
    List<float[]> rows = rows(unit(0, 0, 0, 0, 1));
    assertThat(lostToTwin(rows, 0)).isTrue();
    assertThat(lostToTwin(rows, 2)).isTrue();
  }

  @Test
  void aPhrasingThatLosesToARowWhoseNearestIsAnotherIsNoTwin() {
    // Row 4, its entry's only row, is near the twins, but each twin is nearer the other: a plain wrong answer.
    List<float[]> rows = rows(unit(1, 0.11, 0, 0, 0.3));
    assertThat(lostToTwin(rows, 4)).isFalse();
    assertThat(lostToTwin(rows, 0)).as("the twins still are").isTrue();
  }

  /**
   * A route shaped like the brokerage KB's Chinese one: 60 right probes at cosine 0.70, lead 0.10; 20 wrong ones
   * under them (0.65, lead 0.02); and three mirror pairs whose phrasings, left out, find the twin's entry at 0.98
   * with a lead of 0.18. Counted as confident wrong answers, the six cost 6 × 0.85 / 86 = 5.9% at any bar under 0.98
   * and margin under 0.18: nothing can be answered within a 5% budget. Counted as ties, a margin sheds them.
   */
  private static Calibration route(boolean twinsTie) {
    Calibration c = new Calibration();
    for (int i = 0; i < 60; i++) {
      c.positive(CalibrationTest.scores(0, 0.70, 0.10), 0);
    }
    for (int i = 0; i < 20; i++) {
      c.positive(CalibrationTest.scores(1, 0.65, 0.02), 0);
    }
    for (int i = 0; i < 6; i++) {
      c.positive(CalibrationTest.scores(1, 0.98, 0.18), 0, -1, new float[0], twinsTie);
    }
    for (int i = 0; i < 60; i++) {
      c.inDomainNegative(CalibrationTest.scores(2, 0.45, 0.15));
      c.genericNegative(CalibrationTest.scores(2, 0.30, 0.15));
    }
    return c;
  }

  @Test
  void mirrorTwinsCountAsTiesSoTheyNoLongerSetTheBar() {
    assertThat(route(false).fit(0.05, FALLBACK).answers(0.70, 0.10)).as("twins as confident wrong answers").isFalse();
    Thresholds t = route(true).fit(0.05, FALLBACK);
    assertThat(t.answers(0.70, 0.10)).isTrue();
    assertThat(t.answers(0.98, 0)).as("a tie is still not answered").isFalse();
  }

  @Test
  void onlyTwinsCloserThanMostRightProbesAreToTheirEntryTie() {
    Positives p = new Positives(false);
    for (int i = 0; i < 10; i++) {
      p.add(new Calibration.Probe(0.70 + i * 0.01, 0.1, true, false), List.of());
    }
    p.add(new Calibration.Probe(0.98, 0.18, false, false), List.of(), true); // twins nearly the same text
    p.add(new Calibration.Probe(0.72, 0.18, false, false), List.of(), true); // mutual nearest, yet far apart
    p.add(new Calibration.Probe(0.95, 0.18, false, false), List.of(), false); // lost to no twin
    assertThat(p.rightQuantile(Calibration.TWIN_QUANTILE)).isCloseTo(0.79, org.assertj.core.data.Offset.offset(1e-9));
    Positives tied = p.tyingTwins(Calibration.TWIN_QUANTILE);
    assertThat(tied.counted().count(0.5, 0.005).wrong()).as("two wrong answers left, the tie shed").isEqualTo(2);
    assertThat(p.counted().count(0.5, 0.005).wrong()).isEqualTo(3);
    assertThat(tied.counted().count(0.5, 0).wrong()).as("a tie is still answered with no margin").isEqualTo(3);
  }
}
