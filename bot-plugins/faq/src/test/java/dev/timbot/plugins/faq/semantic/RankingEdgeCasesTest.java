package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of the reranked winner (faq15) and of mirror twins (faq16); written by review17. */
class RankingEdgeCasesTest {
  private static double[] f(double best, double second) {
    return new double[] {best, second, 0, 0, 0, 0, 0, 0, 0};
  }

  @Test
  void topIndexIsTheReorderedWinnerOnTiesAndWithOneCandidate() {
    Reranker r = new Reranker(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0}, 5);
    double[][] tie = {f(0.2, 0.1), f(0.9, 0.3), f(0.9, 0.8)};
    assertThat(r.top(tie).index()).isEqualTo(r.best(tie)).isEqualTo(1);
    assertThat(r.reorder(List.of(7, 8, 9), tie).get(0)).isEqualTo(8);
    double[][] one = {f(0.7, 0.7)};
    assertThat(r.top(one).index()).isZero();
    assertThat(r.top(one).lead()).isInfinite();
  }

  @Test
  void rightQuantileWithoutRightProbesTiesNothingBelowCosineOne() {
    Positives p = new Positives(false);
    p.add(new Calibration.Probe(0.99, 0.2, false, false), List.of(), true);
    assertThat(p.rightQuantile(0.95)).isEqualTo(1.0);
    assertThat(p.tyingTwins(0.95).counted().count(0.5, 0.01).wrong()).isEqualTo(1);
  }

  @Test
  void rightQuantileIndexIsNotTheNearestRank() {
    Positives p = new Positives(false);
    for (int i = 1; i <= 20; i++) {
      p.add(new Calibration.Probe(i / 100.0, 0.1, true, false), List.of());
    }
    // 95% of 20 right probes are at or under 0.19 (nearest rank); floor(0.95 * 20) = 19 picks the maximum, 0.20.
    assertThat(p.rightQuantile(0.95)).isEqualTo(0.20);
  }

  @Test
  void twinsInEntriesWithoutRowsAreNoTwins() {
    List<float[]> rows = List.of(Vectors.unit(new float[] {1, 0.1f, 0}), Vectors.unit(new float[] {0.3f, 1, 0}),
        Vectors.unit(new float[] {1, 0.12f, 0}), Vectors.unit(new float[] {0.3f, 0, 1}));
    // Entry 2 has no rows; entry 0 rows 0,1; entry 1 rows 2,3.
    VectorIndex index = new VectorIndex(rows, new int[] {0, 0, 1, 1}, 3, 3);
    float[] scores = index.entryScores(rows.get(0), 0);
    assertThat(scores[2]).isEqualTo(-1f);
    assertThat(MirrorPairs.lostToTwin(index, rows, 0, scores)).isTrue();
  }
}
