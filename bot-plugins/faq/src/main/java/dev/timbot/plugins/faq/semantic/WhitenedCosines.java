package dev.timbot.plugins.faq.semantic;

import java.util.stream.IntStream;

/**
 * A route's cosines after its {@link PhrasingWhitening}, for what the {@link AnswerModel} reads (session 38): the
 * winner's lead over the best other scored entry, each entry scored by its best row as the route's own cosines are.
 *
 * <p>No second copy of the rows is kept: the mapped cosine of a query {@code q} and a row {@code r} is
 * {@code (Wᵀ·W·q)·r / (|W·q|·|W·r|)}, so a lookup maps its query twice (≈ 0.13 ms for 512 dimensions here) and reads
 * the scored entries' rows again (every entry's on a KB small enough for the exact scan, under 4 000 rows). Every row's
 * {@code |W·r|} is worked out when the route is built (≈ 90 µs a row: 0.1 s for the shop KB, ≈ 4.5 s per route at
 * 10 000 entries on one thread; spread over {@link BuildThreads}), so no lookup pays for one; nothing is allocated per
 * entry. Without an active map (too few phrasing pairs) the mapped cosines are the route's own.
 */
final class WhitenedCosines {
  /** The winner's lead by mapped cosine over the best other scored entry (1 when there is none). */
  record Lead(double lead) {
    /** Whether the winner is first by mapped cosine (ties count as first). */
    boolean first() {
      return lead >= 0;
    }
  }

  private final PhrasingWhitening map;
  private final VectorIndex index;
  /** {@code |W·r|} per row ({@link VectorIndex#row}'s numbering). */
  private final float[] rowNorms;

  WhitenedCosines(PhrasingWhitening map, VectorIndex index) {
    this(map, index, 1);
  }

  /** @param threads how many threads work out the rows' mapped lengths ({@link BuildThreads}) */
  WhitenedCosines(PhrasingWhitening map, VectorIndex index, int threads) {
    this.map = map;
    this.index = index;
    this.rowNorms = new float[map.active() ? index.rows() : 0];
    if (map.active()) {
      int[] rows = IntStream.range(0, index.entries()).flatMap(e -> IntStream.of(index.rowIds(e))).toArray();
      BuildThreads.forEachInOrder(rows.length, i -> Vectors.length(map.map(index.row(rows[i]))),
          (norm, i) -> rowNorms[rows[i]] = norm, threads);
    }
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
    float[] mapped = map.active() ? map.map(query) : null;
    float norm = mapped == null ? 0 : Vectors.length(mapped);
    if (!(norm > 0)) {
      // No map, or a zero query: the route's own cosines (a zero length would make every mapped cosine NaN).
      return lead(winner, cos[winner], scored, n, e -> cos[e]);
    }
    float[] back = map.transposed(mapped);
    return lead(winner, entryCosine(back, norm, winner), scored, n, e -> entryCosine(back, norm, e));
  }

  /** The lead of {@code winner}, scoring {@code winnerScore}, over the best other of the {@code n} entries read. */
  private static Lead lead(int winner, double winnerScore, int[] scored, int n, java.util.function.IntToDoubleFunction score) {
    double other = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      int e = scored == null ? i : scored[i];
      if (e != winner) {
        other = Math.max(other, score.applyAsDouble(e));
      }
    }
    double lead = other == Double.NEGATIVE_INFINITY ? 1 : winnerScore - other;
    return new Lead(lead);
  }

  /** An entry's best mapped cosine over its rows; a zero row (mapped length 0) is skipped, not read as NaN. */
  private float entryCosine(float[] back, float queryNorm, int entry) {
    float best = -1;
    for (int r : index.rowIds(entry)) {
      if (rowNorms[r] > 0) {
        best = Math.max(best, index.cosine(back, r) / (queryNorm * rowNorms[r]));
      }
    }
    return best;
  }
}
