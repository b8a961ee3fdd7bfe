package dev.timbot.plugins.faq;

import dev.timbot.plugins.faq.semantic.Thresholds;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the FAQ uses sentence embeddings.
 *
 * @param mode lexical (BM25 only, no model loaded), semantic, or hybrid
 * @param dataDir writable directory for the vector cache ({@code vectors/}) and the unpacked
 *     native libraries ({@code native/})
 * @param englishModel also load the English model and send queries without Chinese characters to it
 * @param override thresholds to use instead of calibrating, or {@code null} to calibrate per KB
 * @param falseBudget the false-answer rate calibration aims at
 * @param background build vectors on a background thread, answering with BM25 meanwhile
 */
public record SemanticSettings(
    RetrievalMode mode, Path dataDir, boolean englishModel, Thresholds override, double falseBudget,
    boolean background) {

  public static final double DEFAULT_FALSE_BUDGET = 0.06;

  public SemanticSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(dataDir, "dataDir");
    if (!(falseBudget > 0 && falseBudget < 1)) {
      throw new IllegalArgumentException("falseBudget must be in (0, 1): " + falseBudget);
    }
  }

  /** BM25 only: nothing is loaded or written. */
  public static SemanticSettings lexical() {
    return new SemanticSettings(RetrievalMode.LEXICAL, Path.of("data/faq"), false, null, DEFAULT_FALSE_BUDGET, false);
  }

  public Path vectorDir() {
    return dataDir.resolve("vectors");
  }

  public Path nativeDir() {
    return dataDir.resolve("native");
  }
}
