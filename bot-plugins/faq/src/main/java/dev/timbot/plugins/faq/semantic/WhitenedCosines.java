package dev.timbot.plugins.faq.semantic;

import java.util.Arrays;

/**
 * A route's cosines after its {@link PhrasingWhitening}, for what the {@link AnswerModel} reads (session 38): the
 * winner's lead over the best other scored entry, each entry scored by its best row as the route's own cosines are.
 *
 * <p>No second copy of the rows is kept: the mapped cosine of a query {@code q} and a row {@code r} is
 * {@code (Wᵀ·W·q)·r / (|W·q|·|W·r|)}, so a lookup maps its query once and reads the route's own rows; a row's
 * {@code |W·r|} is worked out the first time a lookup scores it and kept (a 10 000-entry KB's rows are never all
 * read). Without an active map (too few phrasing pairs) the mapped cosines are the route's own.
 */
final class WhitenedCosines {
  /** The winner's lead by mapped cosine over the best other scored entry (1 when there is none), and whether it is first. */
  record Lead(double lead, boolean first) {}

  private final PhrasingWhitening map;
  private final VectorIndex index;
  /** {@code |W·r|} per row, or NaN until a lookup first scores it (a benign race: every thread writes the same value). */
  private final float[] rowNorms;

  WhitenedCosines(PhrasingWhitening map, VectorIndex index) {
    this.map = map;
    this.index = index;
    this.rowNorms = map.active() ? new float[index.rows()] : new float[0];
    Arrays.fill(rowNorms, Float.NaN);
  }

  /** Cosines left as the route's own: for a route with no map, and for tests. */
  static WhitenedCosines none(VectorIndex index) {
    return new WhitenedCosines(PhrasingWhitening.NONE, index);
  }

  boolean active() {
    return map.active();
  }

  /**
   * @param query the query's vector as the route embeds it (unit length)
   * @param cos the route's own cosines per entry
   * @param scored the entries {@code cos} holds a score for ({@link VectorIndex.Scores#scored}), or {@code null} for all
   */
  Lead lead(float[] query, float[] cos, int[] scored, int winner) {
    int n = scored == null ? cos.length : scored.length;
    if (!map.active()) {
      return lead(cos, scored, n, winner);
    }
    float[] mapped = map.map(query);
    float norm = Vectors.length(mapped);
    float[] back = map.transposed(mapped);
    float[] whitened = new float[cos.length];
    for (int i = 0; i < n; i++) {
      int e = scored == null ? i : scored[i];
      whitened[e] = entryCosine(back, norm, e);
    }
    return lead(whitened, scored, n, winner);
  }

  private static Lead lead(float[] cos, int[] scored, int n, int winner) {
    double other = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      int e = scored == null ? i : scored[i];
      if (e != winner) {
        other = Math.max(other, cos[e]);
      }
    }
    double lead = other == Double.NEGATIVE_INFINITY ? 1 : cos[winner] - other;
    return new Lead(lead, lead >= 0);
  }

  private float entryCosine(float[] back, float queryNorm, int entry) {
    float best = -1;
    for (int r : index.rowIds(entry)) {
      best = Math.max(best, index.cosine(back, r) / (queryNorm * rowNorm(r)));
    }
    return best;
  }

  private float rowNorm(int r) {
    float n = rowNorms[r];
    if (Float.isNaN(n)) {
      n = Vectors.length(map.map(index.row(r)));
      rowNorms[r] = n;
    }
    return n;
  }
}
