package dev.timbot.plugins.faq.semantic;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for a sentence model: character unigrams and bigrams hashed into 128
 * dimensions. Texts sharing characters are close, which is all the ranking and calibration tests
 * need; it counts its calls so cache tests can tell what was embedded.
 */
public final class FakeEmbedder implements Embedder {
  private final String id;
  public final AtomicInteger calls = new AtomicInteger();

  public FakeEmbedder(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimension() {
    return 128;
  }

  @Override
  public float[] embed(String text) {
    calls.incrementAndGet();
    float[] v = new float[128];
    int[] cps = text.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
    for (int i = 0; i < cps.length; i++) {
      v[Math.floorMod(cps[i] * 31, 128)] += 1;
      if (i + 1 < cps.length) {
        v[Math.floorMod(cps[i] * 131 + cps[i + 1] * 7, 128)] += 2;
      }
    }
    return Vectors.unit(v);
  }
}
