package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.FaqIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What calibrating a route needs of the KB: its texts, where each came from, and BM25 over it
 * (built on first use: a route whose thresholds were saved needs none). BM25's answers do not
 * depend on the route, so the second route reuses the first one's.
 */
final class Probing implements AutoCloseable {
  private final KnowledgeBase kb;
  private final List<String> texts;
  private final List<SemanticIndex.RowSource> sources;
  private final Map<String, Integer> seen = new HashMap<>();
  private FaqIndex lexical;

  Probing(KnowledgeBase kb, List<String> texts, List<SemanticIndex.RowSource> sources) {
    this.kb = kb;
    this.texts = texts;
    this.sources = sources;
  }

  private Siblings siblings;

  /** The KB's declared siblings, worked out once for both routes. */
  Siblings siblings() {
    if (siblings == null) {
      siblings = Siblings.of(kb);
    }
    return siblings;
  }

  KnowledgeBase kb() {
    return kb;
  }

  List<String> texts() {
    return texts;
  }

  List<SemanticIndex.RowSource> sources() {
    return sources;
  }

  /** BM25's best entry for {@code text} without phrasing {@code question} of {@code entry} (-1: the whole entry). */
  int lexicalTop(String text, int entry, int question) {
    return seen.computeIfAbsent(entry + "/" + question + "/" + text,
        k -> lexical().bestEntryWithout(text, entry, question));
  }

  private FaqIndex lexical() {
    if (lexical == null) {
      try {
        lexical = new FaqIndex(kb);
      } catch (ParseException e) {
        throw new IllegalArgumentException("invalid synonym rules: " + e.getMessage(), e);
      }
    }
    return lexical;
  }

  @Override
  public void close() {
    if (lexical != null) {
      try {
        lexical.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
