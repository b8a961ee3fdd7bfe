package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * A linear map of one model's vectors, fitted on the knowledge base's own phrasings, that shrinks the directions in
 * which two phrasings of the same entry differ (session 38, issue 18).
 *
 * <p>Why: a small sentence model places paraphrases of one question apart along directions that carry wording,
 * register and length rather than meaning, and a customer's question differs from the KB's phrasing along the same
 * directions; meanwhile two sibling entries differ along a few directions of meaning the model barely separates.
 * The differences between phrasings of one entry show the first kind, for this KB and this model. Their scatter
 * {@code C} (every pair of phrasings in the route's language, within each entry; scaled to trace {@code d}) is
 * mixed with the identity, {@code M = a·I + (1 − a)·C}, and vectors are mapped by {@code W} with
 * {@code WᵀW = M⁻¹} (the inverse of {@code M}'s Cholesky factor), then normalised: the cosine of two mapped vectors
 * is {@code qᵀM⁻¹r} over their norms. Only the KB's own text is read, so the map is refitted with every reload and
 * no other KB's questions shape it.
 *
 * <p>The route's rows and its decision's cosines stay the model's own: mapped throughout (rows, calibration probes
 * and queries), top-1 after the reranker rose by 9 of 4 722 questions on the development sets while every calibrated
 * bar moved and the answer model, fitted on the model's scale, answered a fifth fewer. What it adds is a second
 * opinion for the {@link AnswerModel}: the winner's lead by mapped cosine ({@link WhitenedCosines}).
 *
 * <p>Measured before it was built (offline, the 23 development case files, embeddings only, top-1): the Chinese
 * route 2 865 → 3 000 of 3 506 in-scope questions at {@code a = 0.7} (20 sets up, 2 down), the English route 974 →
 * 1 011 of 1 216 (13 up, 5 down), with pairs in the route's own language only; pairs of a Chinese and an English
 * phrasing made the English route worse (BENCHMARKS.md §6b, ws38).
 */
final class PhrasingWhitening {
  /** No map: a route with too few phrasing pairs in its language, or whose pairs differ in nothing. */
  static final PhrasingWhitening NONE = new PhrasingWhitening(null, 0);

  /** Fewer pairs than this and the scatter is mostly noise: no map. */
  static final int MIN_PAIRS = 100;
  /**
   * The scatter is summed over about this many phrasings at most (every k-th entry with a pair, k chosen so; entries
   * of uneven size can take it a little over): all of them up to ≈ 2 000 entries, ≈ 1 s of a 10 000-entry KB's build.
   */
  static final int MAX_ROWS = 8_000;

  /** Row-major {@code d × d}, or {@code null} for {@link #NONE}. */
  private final float[] map;
  private final int dimension;

  private PhrasingWhitening(float[] map, int dimension) {
    this.map = map;
    this.dimension = dimension;
  }

  /**
   * Fits the map on the pairs of {@code rows} that belong to one entry and both pass {@code pairRow}.
   *
   * @param shrink {@code a}: the identity's share (1 changes nothing)
   */
  static PhrasingWhitening fit(List<float[]> rows, int[] entryOfRow, int entries, IntPredicate pairRow, int dimension,
      double shrink) {
    int[][] members = members(rows.size(), entryOfRow, entries, pairRow);
    long pairs = 0;
    int paired = 0;
    for (int[] m : members) {
      pairs += (long) m.length * (m.length - 1) / 2;
      paired += m.length >= 2 ? m.length : 0;
    }
    if (pairs < MIN_PAIRS) {
      return NONE;
    }
    int stride = Math.max(1, (paired + MAX_ROWS - 1) / MAX_ROWS);
    DMatrixRMaj scatter = scatter(rows, members, stride, dimension);
    double trace = CommonOps_DDRM.trace(scatter);
    if (!(trace > 0) || Double.isInfinite(trace)) {
      // Every pair embedded alike (or a broken vector): nothing to shrink, and dividing by it would make the map NaN.
      return NONE;
    }
    double scale = dimension / trace;
    DMatrixRMaj m = new DMatrixRMaj(dimension, dimension);
    for (int i = 0; i < dimension; i++) {
      for (int j = 0; j < dimension; j++) {
        m.set(i, j, (1 - shrink) * scale * scatter.get(i, j) + (i == j ? shrink : 0));
      }
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(dimension, true);
    if (!chol.decompose(m)) {
      return NONE;
    }
    // The lower factor L (upper part zero) inverted as a triangle: W = L⁻¹, so WᵀW = (LLᵀ)⁻¹ = M⁻¹.
    DMatrixRMaj inverse = chol.getT(null);
    TriangularSolver_DDRM.invertLower(inverse.data, dimension);
    float[] map = new float[dimension * dimension];
    for (int i = 0; i < dimension; i++) {
      for (int k = 0; k <= i; k++) {
        float w = (float) inverse.data[i * dimension + k];
        if (!Float.isFinite(w)) {
          return NONE;
        }
        map[i * dimension + k] = w;
      }
    }
    return new PhrasingWhitening(map, dimension);
  }

  /** Per entry, its rows that pass {@code pairRow} (asked once a row: it reads the row's text). */
  private static int[][] members(int rows, int[] entryOfRow, int entries, IntPredicate pairRow) {
    boolean[] pairs = new boolean[rows];
    int[] count = new int[entries];
    for (int r = 0; r < rows; r++) {
      pairs[r] = pairRow.test(r);
      if (pairs[r]) {
        count[entryOfRow[r]]++;
      }
    }
    int[][] members = new int[entries][];
    for (int e = 0; e < entries; e++) {
      members[e] = new int[count[e]];
      count[e] = 0;
    }
    for (int r = 0; r < rows; r++) {
      if (pairs[r]) {
        members[entryOfRow[r]][count[entryOfRow[r]]++] = r;
      }
    }
    return members;
  }

  /**
   * The pairs' scatter, {@code Σ (rᵢ − rⱼ)(rᵢ − rⱼ)ᵀ} over the pairs within each entry, as {@code Σ n·(rᵢ − m)(rᵢ − m)ᵀ}
   * per entry of {@code n} members with mean {@code m} (the same sum, one row per member instead of one per pair),
   * over every {@code stride}-th entry with a pair.
   */
  private static DMatrixRMaj scatter(List<float[]> rows, int[][] members, int stride, int dimension) {
    List<int[]> chosen = new ArrayList<>();
    int withPair = 0;
    int n = 0;
    for (int[] m : members) {
      if (m.length >= 2 && withPair++ % stride == 0) {
        chosen.add(m);
        n += m.length;
      }
    }
    DMatrixRMaj centred = new DMatrixRMaj(n, dimension);
    int at = 0;
    double[] mean = new double[dimension];
    for (int[] m : chosen) {
      java.util.Arrays.fill(mean, 0);
      for (int r : m) {
        float[] v = rows.get(r);
        for (int k = 0; k < dimension; k++) {
          mean[k] += v[k] / (double) m.length;
        }
      }
      double weight = Math.sqrt(m.length);
      for (int r : m) {
        float[] v = rows.get(r);
        for (int k = 0; k < dimension; k++) {
          centred.set(at, k, weight * (v[k] - mean[k]));
        }
        at++;
      }
    }
    DMatrixRMaj scatter = new DMatrixRMaj(dimension, dimension);
    CommonOps_DDRM.multInner(centred, scatter);
    return scatter;
  }

  /** Whether this map changes vectors at all. */
  boolean active() {
    return map != null;
  }

  /** {@code W·v}, not normalised (a new array); only for an {@link #active} map. */
  float[] map(float[] v) {
    float[] out = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      // W is lower triangular: row i reads the first i + 1 components.
      out[i] = Vectors.dot(v, map, i * dimension, i + 1);
    }
    return out;
  }

  /** {@code Wᵀ·w} (a new array): with {@code w = W·q}, its dot product with a row {@code r} is {@code (W·q)·(W·r)}. */
  float[] transposed(float[] w) {
    float[] out = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      float wi = w[i];
      int base = i * dimension;
      for (int k = 0; k <= i; k++) {
        out[k] += map[base + k] * wi;
      }
    }
    return out;
  }
}
