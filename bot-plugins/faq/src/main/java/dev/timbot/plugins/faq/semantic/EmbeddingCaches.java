package dev.timbot.plugins.faq.semantic;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The vector caches of the Chinese model and, optionally, the English one. They live as long as
 * the FAQ service, so a KB reload embeds only the phrasings that changed.
 *
 * @param english {@code null} when English queries go to the Chinese model too
 */
public record EmbeddingCaches(EmbeddingCache chinese, EmbeddingCache english) {

  /**
   * The bundled models, with caches saved below {@code vectorDir} and natives in {@code nativeDir}.
   * The English model and its cache load on a second thread while the Chinese ones load on this
   * one: loading is most of a start-up with cached vectors, and the two are independent.
   */
  public static EmbeddingCaches bundled(Path vectorDir, Path nativeDir, boolean englishModel) {
    NativeLibraries.prepare(nativeDir);
    CompletableFuture<EmbeddingCache> en = englishModel
        ? CompletableFuture.supplyAsync(() -> EmbeddingCache.saved(EmbeddingModels.english(nativeDir), vectorDir),
            task -> {
              Thread t = new Thread(task, "faq-model-load");
              t.setDaemon(true);
              t.start();
            })
        : CompletableFuture.completedFuture(null);
    EmbeddingCache zh = EmbeddingCache.saved(EmbeddingModels.chinese(nativeDir), vectorDir);
    try {
      return new EmbeddingCaches(zh, en.join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Writes both cache files. */
  public void save() {
    chinese.save();
    if (english != null) {
      english.save();
    }
  }
}
