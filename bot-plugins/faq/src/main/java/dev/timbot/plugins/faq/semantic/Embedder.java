package dev.timbot.plugins.faq.semantic;

/**
 * Turns a short text into a unit-length vector whose dot product with another text's vector
 * says how close their meanings are. Implementations must be thread-safe and deterministic (the
 * same text always gives the same vector), because vectors are cached by text.
 */
public interface Embedder {

  /** Identifies the model (and its version) in cache keys: vectors of different ids never mix. */
  String id();

  /** The length of every vector {@link #embed} returns. */
  int dimension();

  /** The unit-length embedding of {@code text} (already normalised by {@code TextNormalizer}). */
  float[] embed(String text);
}
