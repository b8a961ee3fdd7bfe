package dev.timbot.plugins.faq.semantic;

import java.nio.file.Path;

/**
 * The vector caches of the Chinese model and, optionally, the English one. They live as long as
 * the FAQ service, so a KB reload embeds only the phrasings that changed.
 *
 * @param english {@code null} when English queries go to the Chinese model too
 */
public record EmbeddingCaches(EmbeddingCache chinese, EmbeddingCache english) {

  /** The bundled models, with caches saved below {@code vectorDir} and natives in {@code nativeDir}. */
  public static EmbeddingCaches bundled(Path vectorDir, Path nativeDir, boolean englishModel) {
    EmbeddingCache zh = EmbeddingCache.saved(EmbeddingModels.chinese(nativeDir), vectorDir);
    EmbeddingCache en = englishModel ? EmbeddingCache.saved(EmbeddingModels.english(nativeDir), vectorDir) : null;
    return new EmbeddingCaches(zh, en);
  }

  /** Writes both cache files. */
  public void save() {
    chinese.save();
    if (english != null) {
      english.save();
    }
  }
}
