package dev.timbot.plugins.faq.semantic;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the {@link Reranker} reads of one candidate entry for one query, all from signals a hybrid
 * lookup already has: the candidate's row cosines (best, second best, mean: an entry several of whose
 * phrasings are near is likelier right than one with a single close phrasing), its BM25 normalised score
 * and rank, its place in the embeddings' ranking, how many of the query's character bigrams its nearest
 * phrasing and its answer share, and whether one of its keywords occurs in the query.
 */
final class RerankFeatures {
  static final int COUNT = 9;
  /** Which features are read ({@code -Dtimbot.faq.rerankFeatures=0,1,...}; the others are 0). */
  static final String SELECTED = System.getProperty("timbot.faq.rerankFeatures", "0,1,2,3,4,5,6,7,8");
  private static final boolean[] USED = used(SELECTED);

  private static boolean[] used(String list) {
    boolean[] used = new boolean[COUNT];
    for (String s : list.split(",")) {
      if (!s.isBlank()) {
        used[Integer.parseInt(s.strip())] = true;
      }
    }
    return used;
  }

  private RerankFeatures() {}

  /**
   * @param rowCosines the query's cosine with each of the candidate's question rows (its own phrasing left out for a probe)
   * @param answerCosine the cosine with the candidate's question+answer row, or -1 when it has none
   * @param denseRank the candidate's place (0 = first) in the embeddings' ranking
   * @param lexicalRank its place among BM25's hits, or -1 when BM25 did not find it
   * @param lexicalScore its normalised BM25 score (0 when not found)
   * @param phraseOverlap the best {@link #overlap} of the query with one of its phrasings
   * @param answerOverlap the share of the query's bigrams that occur in its question+answer text
   * @param keyword whether one of its keywords occurs in the query
   */
  static double[] of(float[] rowCosines, float answerCosine, int denseRank, int lexicalRank, double lexicalScore,
      double phraseOverlap, double answerOverlap, boolean keyword) {
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
    double mean = rowCosines.length == 0 ? best : sum / rowCosines.length;
    double[] f = new double[] {
      best,
      second < 0 ? best : second,
      mean,
      answerCosine < 0 ? best : answerCosine,
      lexicalScore,
      lexicalRank < 0 ? 0 : 1.0 / (1 + lexicalRank),
      1.0 / (1 + denseRank),
      Math.max(phraseOverlap, 0.5 * answerOverlap),
      keyword ? 1 : 0,
    };
    for (int i = 0; i < COUNT; i++) {
      if (!USED[i]) {
        f[i] = 0;
      }
    }
    return f;
  }

  /** The character bigrams of a normalised text, spaces left out (Chinese has none; for English they are word pieces). */
  static Set<String> bigrams(String text) {
    String t = text.replace(" ", "");
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 1 < t.length(); i++) {
      out.add(t.substring(i, i + 2));
    }
    return out;
  }

  /** Dice overlap of two bigram sets: 2·|a∩b| / (|a|+|b|). */
  static double overlap(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    return 2.0 * shared(a, b) / (a.size() + b.size());
  }

  /** The share of {@code query}'s bigrams that {@code text} has too. */
  static double coverage(Set<String> query, Set<String> text) {
    return query.isEmpty() ? 0 : (double) shared(query, text) / query.size();
  }

  private static int shared(Set<String> a, Set<String> b) {
    int n = 0;
    for (String s : a) {
      if (b.contains(s)) {
        n++;
      }
    }
    return n;
  }

  /** Whether one of {@code keywords} (normalised) occurs in the normalised query. */
  static boolean keywordIn(String query, List<String> keywords) {
    for (String k : keywords) {
      if (!k.isBlank() && query.contains(k)) {
        return true;
      }
    }
    return false;
  }
}
