package dev.timbot.plugins.faq;

import java.util.Locale;

/** How the FAQ ranks entries and decides. */
public enum RetrievalMode {
  /** BM25 only, thresholds from {@link FaqConfig}: no model, the smallest memory footprint. */
  LEXICAL,
  /** Sentence embeddings only, with thresholds calibrated per KB. */
  SEMANTIC,
  /** Embeddings and BM25 ranks fused (reciprocal rank fusion); the decision on the embedding score. */
  HYBRID;

  public static RetrievalMode parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown retrieval mode '" + s + "' (lexical, semantic or hybrid)");
    }
  }
}
