package dev.timbot.plugins.faq.semantic;

import java.nio.file.Path;

/**
 * The bundled models, each loaded at most once per process (a model takes 0.3–0.5 s and tens of
 * megabytes to load, and is thread-safe once loaded).
 */
public final class EmbeddingModels {
  // One lock per model, so the two can load at the same time (EmbeddingCaches.bundled).
  private static final Object CHINESE_LOCK = new Object();
  private static final Object ENGLISH_LOCK = new Object();
  private static OnnxEmbedder chinese;
  private static OnnxEmbedder english;
  /** Which build of each model: {@code -Dtimbot.faq.models=fp32} loads the non-quantised ones where present. */
  static final ModelBuild BUILD = FaqSwitches.choice("timbot.faq.models", ModelBuild.QUANTISED);

  private EmbeddingModels() {}

  /** BGE small zh v1.5, its native libraries unpacked below {@code nativeDir}. */
  public static Embedder chinese(Path nativeDir) {
    synchronized (CHINESE_LOCK) {
      if (chinese == null) {
        chinese = OnnxEmbedder.bgeSmallZh(nativeDir, BUILD);
      }
      return chinese;
    }
  }

  /** BGE small en v1.5 (English), its native libraries unpacked below {@code nativeDir}. */
  public static Embedder english(Path nativeDir) {
    synchronized (ENGLISH_LOCK) {
      if (english == null) {
        english = OnnxEmbedder.bgeSmallEn(nativeDir, BUILD);
      }
      return english;
    }
  }
}
