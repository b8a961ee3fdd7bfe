package dev.timbot.plugins.faq.semantic;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A per-KB reranker of the close candidates of a hybrid lookup: a linear score over
 * {@link RerankFeatures}, fitted on the KB's own leave-one-out probes ({@link RerankerFit}) and kept
 * only when it puts the right entry first more often than rank fusion does on probes it was not
 * fitted on. It reorders the first {@link #depth} fused candidates; the decision still reads cosines,
 * so an entry the reranker lifts above one with a higher cosine has a negative lead and is asked about,
 * never answered outright.
 *
 * @param weights one per feature, in the features' own units; empty: no reranking
 * @param depth how many of the fused candidates it reorders
 */
record Reranker(double[] weights, int depth) {
  static final Reranker NONE = new Reranker(new double[0], 0);

  boolean active() {
    return weights.length > 0 && depth > 1;
  }

  double score(double[] features) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * features[i];
    }
    return s;
  }

  /** The index (0-based) of the candidate with the best score, the first one on ties. */
  int best(double[][] features) {
    int best = 0;
    for (int i = 1; i < features.length; i++) {
      if (score(features[i]) > score(features[best])) {
        best = i;
      }
    }
    return best;
  }

  /** {@code ranking} with its first {@code features.length} entries reordered by score (stable). */
  List<Integer> reorder(List<Integer> ranking, double[][] features) {
    Integer[] idx = new Integer[features.length];
    double[] s = new double[features.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
      s[i] = score(features[i]);
    }
    Arrays.sort(idx, (a, b) -> Double.compare(s[b], s[a]));
    List<Integer> out = new java.util.ArrayList<>(ranking);
    for (int i = 0; i < idx.length; i++) {
      out.set(i, ranking.get(idx[i]));
    }
    return out;
  }

  /** For {@link RouteStore}: depth, then the weights; "0" for none. */
  String encode() {
    if (!active()) {
      return "0";
    }
    return depth + "," + Arrays.stream(weights).mapToObj(w -> String.format(Locale.ROOT, "%.6g", w))
        .collect(Collectors.joining(","));
  }

  static Reranker decode(String s) {
    String[] v = s.split(",");
    int depth = Integer.parseInt(v[0].strip());
    if (depth == 0) {
      return NONE;
    }
    double[] w = new double[v.length - 1];
    for (int i = 0; i < w.length; i++) {
      w[i] = Double.parseDouble(v[i + 1]);
    }
    return new Reranker(w, depth);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reranker r && depth == r.depth && Arrays.equals(weights, r.weights);
  }

  @Override
  public int hashCode() {
    return 31 * depth + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return active() ? "reranker " + encode() : "no reranker";
  }
}
