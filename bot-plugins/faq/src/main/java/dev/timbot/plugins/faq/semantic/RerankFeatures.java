package dev.timbot.plugins.faq.semantic;

import java.util.List;

/**
 * What the {@link Reranker} reads of one candidate entry for one query, all from signals a hybrid
 * lookup already has: the candidate's row cosines (best, second best, mean over its phrasings, and its
 * question+answer row: an entry several of whose texts are near is likelier right than one with a single
 * close phrasing), its normalised BM25 score and rank, its rank by cosine, how many character bigrams
 * it shares with the query, and (faq10) how much of the query its keywords cover.
 */
final class RerankFeatures {
  static final int COUNT = 9;
  /** Where {@link #of} puts the second-best phrasing's cosine (the best one's when the entry has one phrasing). */
  static final int SECOND_COSINE = 1;

  private RerankFeatures() {}

  /**
   * @param rowCosines the query's cosine with each of the candidate's question rows
   * @param answerCosine the cosine with the candidate's question+answer row, or -1 when it has none
   * @param denseRank the candidate's place (0 = first) by cosine
   * @param lexicalRank its place among BM25's hits, or -1 when BM25 did not find it
   * @param lexicalScore its normalised BM25 score (0 when not found)
   * @param phraseOverlap the best {@link #overlap} of the query with one of its phrasings
   * @param answerCoverage the share of the query's bigrams that occur in its question+answer text
   * @param keywordCoverage the share of the query's characters covered by the candidate's keywords ({@link #keywordCoverage})
   */
  static double[] of(float[] rowCosines, float answerCosine, int denseRank, int lexicalRank, double lexicalScore,
      double phraseOverlap, double answerCoverage, double keywordCoverage) {
    double best = -1;
    double second = -1;
    double sum = 0;
    for (float c : rowCosines) {
      sum += c;
      if (c > best) {
        second = best;
        best = c;
      } else if (c > second) {
        second = c;
      }
    }
    best = Math.max(best, answerCosine);
    return new double[] {
      best,
      second < 0 ? best : second,
      rowCosines.length == 0 ? best : sum / rowCosines.length,
      answerCosine < 0 ? best : answerCosine,
      lexicalScore,
      lexicalRank < 0 ? 0 : 1.0 / (1 + lexicalRank),
      1.0 / (1 + denseRank),
      Math.max(phraseOverlap, 0.5 * answerCoverage),
      keywordCoverage,
    };
  }

  /**
   * The characters of the KB author's keywords for an entry that occur whole in the query, over the query's length
   * (faq10). BM25 already reads keywords, but as terms among all of an entry's words, scored by rarity and summed; how
   * much of the question the author's keywords cover whole is a separate signal: a short question that is one keyword
   * ("報銷", claim-submit's) is the author's own statement of which entry the words belong to. Measured with each KB
   * left out of the reranker's fit: +9 top-1 over the eleven development case files (BENCHMARKS.md §6b, faq10).
   *
   * @param normalizedQuery the query as normalised for lookup
   * @param keywords the entry's keywords, normalised the same way
   */
  static double keywordCoverage(String normalizedQuery, List<String> keywords) {
    int chars = 0;
    for (String k : keywords) {
      if (!k.isEmpty() && normalizedQuery.contains(k)) {
        chars += k.length();
      }
    }
    return (double) chars / Math.max(1, normalizedQuery.length());
  }

  /** The character bigrams of a normalised text, spaces left out (Chinese has none; for English they are word pieces). */
  static Bigrams bigrams(String text) {
    return Bigrams.of(text);
  }

  /** Dice overlap of two bigram sets: 2·|a∩b| / (|a|+|b|). */
  static double overlap(Bigrams a, Bigrams b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    return 2.0 * a.shared(b) / (a.size() + b.size());
  }

  /** The share of {@code query}'s bigrams that {@code text} has too. */
  static double coverage(Bigrams query, Bigrams text) {
    return query.isEmpty() ? 0 : (double) query.shared(text) / query.size();
  }
}
