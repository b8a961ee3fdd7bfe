package dev.timbot.plugins.faq;

import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import java.io.PrintStream;
import java.util.Locale;

/** Builds engines from {@link SemanticSettings} with the bundled models and a cache on disk. */
final class Engines {
  private Engines() {}

  /** The semantic index of {@code kb}: models loaded, vectors read from or added to the cache, calibrated. */
  static SemanticIndex index(KnowledgeBase kb, SemanticSettings s, PrintStream progress) {
    long start = System.nanoTime();
    EmbeddingCaches caches = EmbeddingCaches.bundled(s.vectorDir(), s.nativeDir(), s.englishModel());
    progress.printf(Locale.ROOT, "faq: models loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    SemanticIndex index = SemanticIndex.build(kb, caches, s.override(), s.falseBudget(),
        (route, done, total) -> progress.printf(Locale.ROOT, "faq: %s vectors %d/%d%n", route, done, total));
    caches.save();
    progress.printf(Locale.ROOT, "faq: semantic index ready in %d ms (%s)%n",
        (System.nanoTime() - start) / 1_000_000, index.describe());
    return index;
  }

  static FaqEngine build(KnowledgeBase kb, FaqConfig config, SemanticSettings s, PrintStream progress) {
    if (s.mode() == RetrievalMode.LEXICAL) {
      return FaqEngine.build(kb, config);
    }
    return FaqEngine.build(kb, config, s.mode(), index(kb, s, progress));
  }
}
