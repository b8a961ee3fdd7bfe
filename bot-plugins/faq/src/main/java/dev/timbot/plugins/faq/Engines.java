package dev.timbot.plugins.faq;

import dev.timbot.plugins.faq.semantic.EmbeddingCache;
import dev.timbot.plugins.faq.semantic.EmbeddingModels;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import java.io.PrintStream;
import java.util.Locale;

/** Builds engines from {@link SemanticSettings} with the bundled models and a cache on disk. */
final class Engines {
  private Engines() {}

  /** The semantic index of {@code kb}: models loaded, vectors read from or added to the cache, calibrated. */
  static SemanticIndex index(KnowledgeBase kb, SemanticSettings s, PrintStream progress) {
    long start = System.nanoTime();
    EmbeddingCache zh = EmbeddingCache.saved(EmbeddingModels.chinese(s.nativeDir()), s.vectorDir());
    EmbeddingCache en = s.englishModel()
        ? EmbeddingCache.saved(EmbeddingModels.english(s.nativeDir()), s.vectorDir()) : null;
    SemanticIndex index = SemanticIndex.build(kb, zh, en, s.override(), s.falseBudget(),
        (route, done, total) -> progress.printf(Locale.ROOT, "faq: %s vectors %d/%d%n", route, done, total));
    zh.save();
    if (en != null) {
      en.save();
    }
    progress.printf(Locale.ROOT, "faq: semantic index ready in %d ms (chinese: %s%s)%n",
        (System.nanoTime() - start) / 1_000_000, index.chinese().thresholds(),
        en == null ? "" : "; english: " + index.english().thresholds());
    return index;
  }

  static FaqEngine build(KnowledgeBase kb, FaqConfig config, SemanticSettings s, PrintStream progress) {
    if (s.mode() == RetrievalMode.LEXICAL) {
      return FaqEngine.build(kb, config);
    }
    return FaqEngine.build(kb, config, s.mode(), index(kb, s, progress));
  }
}
