package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The close candidates of one query and what the {@link Reranker} reads of each: the same for a live
 * hybrid lookup and for the tool that fits the reranker's weights ({@code RerankerTraining}, tests), so
 * they are fitted on exactly the features a lookup sees. Holds the KB's normalised texts.
 */
final class Candidates {
  /** Entries the embeddings' ranking contributes to the fusion. */
  static final int DENSE = 20;

  private final List<String> texts;
  private final List<SemanticIndex.RowSource> sources;
  private final List<List<String>> keywords;

  /**
   * @param texts every row's normalised text
   * @param sources where each row came from
   * @param keywords per entry, its keywords normalised like the texts
   */
  Candidates(List<String> texts, List<SemanticIndex.RowSource> sources, List<List<String>> keywords) {
    this.texts = texts;
    this.sources = sources;
    this.keywords = keywords;
  }

  /**
   * Reciprocal rank fusion: an entry's fused score is {@code 1/(k + denseRank) + w/(k + bm25Rank)}
   * ({@link SemanticRanker#RRF_K}, {@link SemanticRanker#BM25_WEIGHT}); best first, ties by cosine, then index.
   *
   * @param cos per entry, the best cosine (-1 for an entry not scored)
   * @param lexical BM25's entries, best first
   */
  static List<Integer> fused(float[] cos, List<Integer> lexical) {
    return fused(cos, null, lexical);
  }

  /** Like {@link #fused(float[], List)}; {@code scored} as {@link VectorIndex.Scores#scored}. */
  static List<Integer> fused(float[] cos, int[] scored, List<Integer> lexical) {
    List<Integer> order = SemanticRanker.topEntries(cos, scored, DENSE);
    Map<Integer, Double> fused = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      fused.merge(order.get(i), 1.0 / (SemanticRanker.RRF_K + i + 1), Double::sum);
    }
    for (int i = 0; i < lexical.size(); i++) {
      fused.merge(lexical.get(i), SemanticRanker.BM25_WEIGHT / (SemanticRanker.RRF_K + i + 1), Double::sum);
    }
    List<Integer> ranking = new ArrayList<>(fused.keySet());
    ranking.sort(Comparator.<Integer>comparingDouble(fused::get).reversed()
        .thenComparing(e -> -cos[e]).thenComparing(e -> e));
    return ranking;
  }

  /**
   * The reranker's features of each of the first {@code depth} entries of {@code ranking}.
   *
   * @param query the query's vector in {@code index}'s model
   * @param cos per entry, the best cosine (-1: not scored)
   * @param lexical BM25's entries, best first
   * @param lexicalScores their normalised scores
   */
  double[][] features(String normalizedQuery, float[] query, VectorIndex index, float[] cos,
      List<Integer> ranking, int depth, List<Integer> lexical, List<Double> lexicalScores) {
    return features(normalizedQuery, query, index, cos, null, ranking, depth, lexical, lexicalScores);
  }

  /** Like {@link #features(String, float[], VectorIndex, float[], List, int, List, List)}; {@code scored} as {@link VectorIndex.Scores#scored}. */
  double[][] features(String normalizedQuery, float[] query, VectorIndex index, float[] cos, int[] scored,
      List<Integer> ranking, int depth, List<Integer> lexical, List<Double> lexicalScores) {
    Bigrams queryBigrams = RerankFeatures.bigrams(normalizedQuery);
    int n = Math.min(depth, ranking.size());
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      int e = ranking.get(i);
      int denseRank = denseRank(cos, scored, e);
      int[] rows = index.rowIds(e);
      List<Float> questionCos = new ArrayList<>(rows.length);
      float answerCos = -1;
      double phrase = 0;
      double answer = 0;
      for (int r : rows) {
        float c = index.cosine(query, r);
        Bigrams rowBigrams = RerankFeatures.bigrams(texts.get(r));
        if (sources.get(r).question() < 0) {
          answerCos = c;
          answer = RerankFeatures.coverage(queryBigrams, rowBigrams);
        } else {
          questionCos.add(c);
          phrase = Math.max(phrase, RerankFeatures.overlap(queryBigrams, rowBigrams));
        }
      }
      float[] qc = new float[questionCos.size()];
      for (int j = 0; j < qc.length; j++) {
        qc[j] = questionCos.get(j);
      }
      int lexicalRank = lexical.indexOf(e);
      out[i] = RerankFeatures.of(qc, answerCos, denseRank, lexicalRank,
          lexicalRank < 0 ? 0 : lexicalScores.get(lexicalRank), phrase, answer,
          RerankFeatures.keywordCoverage(normalizedQuery, keywords.get(e)));
    }
    return out;
  }

  /**
   * How many entries have a better cosine than {@code e}. With {@code scored}, only those are read (unless {@code e}
   * itself is below -1, which a cosine is not): the others score -1, never better.
   */
  private static int denseRank(float[] cos, int[] scored, int e) {
    int rank = 0;
    if (scored != null && cos[e] >= -1) {
      for (int other : scored) {
        if (cos[other] > cos[e]) {
          rank++;
        }
      }
      return rank;
    }
    for (float c : cos) {
      if (c > cos[e]) {
        rank++;
      }
    }
    return rank;
  }
}
