package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A KB in four dimensions: the entries differ along axes 0 and 1 (their meaning); the phrasings of one entry differ
 * along axes 2 and 3 only (their wording). So the map must shrink axes 2 and 3 and leave 0 and 1 alone.
 */
class PhrasingWhiteningTest {
  private static final int ENTRIES = 30;
  private static final int PHRASINGS = 4;

  /** Entry e's meaning on the unit circle of axes 0–1; phrasing p adds ±0.5 on axis 2 or 3. */
  static float[] row(int e, int p) {
    double angle = 2 * Math.PI * e / ENTRIES;
    float[] v = {(float) Math.cos(angle), (float) Math.sin(angle), 0, 0};
    v[2 + p % 2] = p < 2 ? 0.5f : -0.5f;
    return v;
  }

  static List<float[]> rows() {
    List<float[]> rows = new ArrayList<>();
    for (int e = 0; e < ENTRIES; e++) {
      for (int p = 0; p < PHRASINGS; p++) {
        rows.add(row(e, p));
      }
    }
    return rows;
  }

  static int[] entryOfRow() {
    int[] entry = new int[ENTRIES * PHRASINGS];
    for (int r = 0; r < entry.length; r++) {
      entry[r] = r / PHRASINGS;
    }
    return entry;
  }

  static PhrasingWhitening fitted(double shrink) {
    return PhrasingWhitening.fit(rows(), entryOfRow(), ENTRIES, r -> true, 4, shrink);
  }

  /**
   * Every pair's difference lies in axes 2–3 with equal weight, so the scatter scaled to trace 4 is diag(0, 0, 2, 2)
   * and M = diag(a, a, a + 2(1 − a), a + 2(1 − a)): the mapped dot product of q and r is Σ qᵢ·rᵢ / Mᵢᵢ.
   */
  @Test
  void theMappedDotProductReadsTheQueryThroughTheInverseOfTheShrunkScatter() {
    double a = 0.7;
    PhrasingWhitening w = fitted(a);
    assertThat(w.active()).isTrue();
    float[] q = {0.3f, -0.2f, 0.8f, 0.4f};
    float[] r = {0.5f, 0.6f, -0.1f, 0.7f};
    double[] m = {a, a, a + 2 * (1 - a), a + 2 * (1 - a)};
    double expected = 0;
    for (int i = 0; i < 4; i++) {
      expected += q[i] * r[i] / m[i];
    }
    float[] wq = w.map(q);
    float[] wr = w.map(r);
    double mapped = 0;
    double back = 0;
    float[] t = w.transposed(wq);
    for (int i = 0; i < 4; i++) {
      mapped += wq[i] * wr[i];
      back += t[i] * r[i];
    }
    assertThat(mapped).isCloseTo(expected, within(1e-5));
    assertThat(back).as("Wᵀ·W·q read against the raw row").isCloseTo(expected, within(1e-5));
  }

  /**
   * A query with entry 0's meaning, worded like a phrasing of entry 3 (36° away): +0.9 on axis 3, where that phrasing
   * has +0.5 and entry 0's first phrasing has nothing. Raw cosines put entry 3's phrasing first (0.837 against 0.665);
   * mapped with a = 0.5 the wording counts a third as much as the meaning and entry 0's leads (0.852 against 0.818).
   */
  @Test
  void aQueryWordedLikeASiblingsPhrasingIsNearerItsOwnEntryOnceMapped() {
    float[] own = row(0, 0);
    float[] sibling = row(3, 1);
    float[] query = {1, 0, 0, 0.9f};
    assertThat(cosine(query, sibling)).isGreaterThan(cosine(query, own));
    PhrasingWhitening w = fitted(0.5);
    double mappedOwn = cosine(w.map(query), w.map(own));
    double mappedSibling = cosine(w.map(query), w.map(sibling));
    assertThat(mappedOwn).isCloseTo(0.852, within(0.001));
    assertThat(mappedSibling).isCloseTo(0.818, within(0.001));
  }

  /**
   * Phrasings that differ along two oblique directions, (e₂ + e₃)/√2 and (e₁ − e₃)/√2 with different weights, so the
   * scatter and M are dense: the map must be lower triangular and read q through M⁻¹ (M built and inverted here by
   * hand, not by the code under test), both mapped on each side and as Wᵀ·W·q against the raw row.
   */
  @Test
  void aDenseScatterIsReadThroughItsInverseByALowerTriangularMap() {
    double s = Math.sqrt(0.5);
    double[][] directions = {{0, 0, s, s}, {0, s, 0, -s}};
    double[] weights = {0.6, 0.3};
    List<float[]> rows = new ArrayList<>();
    int[] entryOfRow = new int[ENTRIES * 4];
    for (int e = 0; e < ENTRIES; e++) {
      float[] meaning = row(e, 0);
      for (int p = 0; p < 4; p++) {
        double sign = p < 2 ? 1 : -1;
        float[] v = {meaning[0], meaning[1], 0, 0};
        for (int k = 0; k < 4; k++) {
          v[k] += (float) (sign * weights[p % 2] * directions[p % 2][k]);
        }
        rows.add(v);
        entryOfRow[e * 4 + p] = e;
      }
    }
    double a = 0.6;
    PhrasingWhitening w = PhrasingWhitening.fit(rows, entryOfRow, ENTRIES, r -> true, 4, a);
    // Each entry: deviations ±wᵢ·dᵢ, 4 members, so the scatter is 4·Σ 2·wᵢ²·dᵢdᵢᵀ per entry, scaled to trace 4.
    double[][] c = new double[4][4];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 4; k++) {
          c[j][k] += weights[i] * weights[i] * directions[i][j] * directions[i][k];
        }
      }
    }
    double trace = c[0][0] + c[1][1] + c[2][2] + c[3][3];
    org.ejml.data.DMatrixRMaj m = new org.ejml.data.DMatrixRMaj(4, 4);
    for (int j = 0; j < 4; j++) {
      for (int k = 0; k < 4; k++) {
        m.set(j, k, (1 - a) * 4 * c[j][k] / trace + (j == k ? a : 0));
      }
    }
    org.ejml.data.DMatrixRMaj inverse = new org.ejml.data.DMatrixRMaj(4, 4);
    assertThat(org.ejml.dense.row.CommonOps_DDRM.invert(m, inverse)).isTrue();
    float[] q = {0.3f, -0.2f, 0.8f, 0.4f};
    float[] r = {0.5f, 0.6f, -0.1f, 0.7f};
    double expected = 0;
    for (int j = 0; j < 4; j++) {
      for (int k = 0; k < 4; k++) {
        expected += q[j] * inverse.get(j, k) * r[k];
      }
    }
    assertThat(inverse.get(2, 3)).as("M is dense").isNotCloseTo(0, within(1e-3));
    float[] wq = w.map(q);
    float[] wr = w.map(r);
    float[] back = w.transposed(wq);
    double mapped = 0;
    double read = 0;
    for (int i = 0; i < 4; i++) {
      mapped += wq[i] * wr[i];
      read += back[i] * r[i];
    }
    assertThat(mapped).isCloseTo(expected, within(1e-5));
    assertThat(read).isCloseTo(expected, within(1e-5));
    for (int j = 0; j < 4; j++) {
      float[] unit = new float[4];
      unit[j] = 1;
      float[] column = w.map(unit);
      for (int i = 0; i < j; i++) {
        assertThat(column[i]).as("W[%d][%d]", i, j).isZero();
      }
    }
  }

  @Test
  void aKbWhosePairsAllEmbedAlikeOrAZeroScatterLeavesNoMap() {
    List<float[]> same = new ArrayList<>();
    for (int r = 0; r < ENTRIES * PHRASINGS; r++) {
      same.add(row(r / PHRASINGS, 0));
    }
    assertThat(PhrasingWhitening.fit(same, entryOfRow(), ENTRIES, r -> true, 4, 0.7).active()).isFalse();
  }

  /**
   * Thirty entries of four Chinese phrasings and one English each: the Chinese route has 180 pairs and its map, the
   * English route none (a pair of a Chinese and an English phrasing is not its language's), under the default answer
   * model, which reads the mapped lead; with thresholds set by hand, none.
   */
  @Test
  void eachRouteFitsItsMapOnPairsOfPhrasingsInItsOwnLanguage() {
    List<FaqEntry> entries = new ArrayList<>();
    for (int e = 0; e < ENTRIES; e++) {
      entries.add(FaqEntry.of("e" + e, "answer " + e, "第" + e + "个问题怎么办", "请问第" + e + "号问题", "第" + e + "号问题如何处理",
          "问题" + e + "有什么办法", "how about question number " + e));
    }
    SemanticIndex index = SemanticIndex.build(KnowledgeBase.of(entries),
        new EmbeddingCaches(EmbeddingCache.inMemory(new FakeEmbedder("zh")),
            EmbeddingCache.inMemory(new FakeEmbedder("en"))),
        null, 0.05, SemanticIndex.Progress.NONE);
    assertThat(AnswerModel.DEFAULT.readsWhitening()).isTrue();
    assertThat(index.chinese().whitened().active()).isTrue();
    assertThat(index.english().whitened().active()).isFalse();
    // Thresholds set by hand: the rule decides, so no route fits a map.
    SemanticIndex byHand = SemanticIndex.build(KnowledgeBase.of(entries),
        new EmbeddingCaches(EmbeddingCache.inMemory(new FakeEmbedder("zh")), null),
        new Thresholds(0.8, 0.05, 0.5), 0.05, SemanticIndex.Progress.NONE);
    assertThat(byHand.chinese().whitened().active()).isFalse();
  }

  @Test
  void tooFewPairsOrNoneInTheRoutesLanguageLeaveNoMap() {
    List<float[]> two = List.of(row(0, 0), row(0, 1), row(1, 0), row(1, 1));
    assertThat(PhrasingWhitening.fit(two, new int[] {0, 0, 1, 1}, 2, r -> true, 4, 0.7).active()).isFalse();
    assertThat(PhrasingWhitening.fit(rows(), entryOfRow(), ENTRIES, r -> false, 4, 0.7).active()).isFalse();
    // One phrasing per entry in the route's language: no pair at all.
    assertThat(PhrasingWhitening.fit(rows(), entryOfRow(), ENTRIES, r -> r % PHRASINGS == 0, 4, 0.7).active())
        .isFalse();
    assertThat(PhrasingWhitening.NONE.active()).isFalse();
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
