package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reorders the close candidates of a hybrid lookup: a linear score over {@link RerankFeatures}, the
 * first {@link #depth} entries of rank fusion sorted by it.
 *
 * <p>The weights of {@link #DEFAULT} were fitted once (pairwise logistic regression: the right entry
 * against each other candidate) on the real questions of the development sets — shop, telecom, bank,
 * airline, clinic, parcel — with {@code RerankerTraining} (test sources), and checked by leaving each
 * knowledge base out of the fit in turn (BENCHMARKS.md §6b, faq7). A per-KB fit on the KB's own
 * leave-one-out phrasings was tried first and dropped: those probes reward the KB author's own words
 * (keywords, the answer's wording) far more than customers' questions do, and telecom's top-1 fell from
 * 81% to 56–69%.
 *
 * <p>The decision still reads cosines: an entry lifted above one with a higher cosine has a negative
 * lead, so it is asked about (a clarifying question naming both), never answered outright.
 *
 * @param weights one per feature, in the features' own units
 * @param depth how many of the fused candidates it reorders
 */
record Reranker(double[] weights, int depth) {
  /**
   * Fitted by {@code RerankerTraining} on the six development KBs (faq7), features in {@link RerankFeatures} order;
   * it predates the keyword-coverage feature, whose weight is therefore 0.
   */
  static final Reranker FAQ7 = new Reranker(
      new double[] {15.58, 6.15, 10.23, 14.15, 0.40, 1.04, 0.78, 1.98, 0}, 5);
  /** Refitted by the same tool on the eleven case files of the ten development KBs with keyword coverage (faq10). */
  static final Reranker FAQ10 = new Reranker(
      new double[] {15.22, 3.64, 10.23, 15.83, 1.12, 0.47, 0.48, 2.84, 2.81}, 5);

  /**
   * Which ranking generation a hybrid lookup uses: {@code -Dtimbot.faq.ranker=faq10|faq9}. {@code faq9} restores the
   * faq7 reranker and the answer model fitted with it ({@link AnswerModel#DEFAULT}), for a byte-identical comparison.
   */
  enum Version {
    FAQ9,
    FAQ10
  }

  static final Version VERSION = FaqSwitches.choice("timbot.faq.ranker", Version.FAQ10);
  /** The reranker of {@link #VERSION}. */
  static final Reranker DEFAULT = VERSION == Version.FAQ9 ? FAQ7 : FAQ10;

  Reranker {
    if (weights.length != RerankFeatures.COUNT) {
      throw new IllegalArgumentException(weights.length + " weights for " + RerankFeatures.COUNT + " features");
    }
    weights = weights.clone();
  }

  /** The weights (a copy: the reranker is shared by every lookup). */
  @Override
  public double[] weights() {
    return weights.clone();
  }

  double score(double[] features) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * features[i];
    }
    return s;
  }

  /**
   * The best candidate's score, how far it leads the next best's (infinite with one candidate), and its place among
   * the candidates (the first one on ties, as {@link #best}).
   */
  record Top(double score, double lead, int index) {}

  /** The best candidate's score, its lead and its place, in one pass over the candidates. */
  Top top(double[][] features) {
    double best = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    int index = 0;
    for (int i = 0; i < features.length; i++) {
      double s = score(features[i]);
      if (s > best) {
        second = best;
        best = s;
        index = i;
      } else if (s > second) {
        second = s;
      }
    }
    return new Top(best, best - second, index);
  }

  /** The index of the candidate with the best score, the first one on ties. */
  int best(double[][] features) {
    return top(features).index();
  }

  /** {@code ranking} with its first {@code features.length} entries reordered by score, best first (stable on ties). */
  List<Integer> reorder(List<Integer> ranking, double[][] features) {
    Integer[] order = new Integer[features.length];
    double[] score = new double[features.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      score[i] = score(features[i]);
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    List<Integer> out = new ArrayList<>(ranking);
    for (int i = 0; i < order.length; i++) {
      out.set(i, ranking.get(order[i]));
    }
    return out;
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
    return "Reranker" + Arrays.toString(weights) + " depth " + depth;
  }
}
