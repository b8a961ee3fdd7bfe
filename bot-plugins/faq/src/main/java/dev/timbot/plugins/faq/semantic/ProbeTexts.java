package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.ResourceLines;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Texts a route's calibration asks besides the KB's own phrasings: the generic out-of-scope lines
 * ({@code out-of-scope.txt}) and the entries' keywords (see {@link Calibration#keywordProbe}).
 */
final class ProbeTexts {
  /** Everyday out-of-scope text, normalised. */
  static final List<String> GENERIC_NEGATIVES = loadGeneric();

  private ProbeTexts() {}

  /** Each entry's keywords that the route gets as queries, as (entry, keyword index): at most {@code max}, spread over the KB. */
  static List<SemanticIndex.RowSource> keywordProbes(KnowledgeBase kb, java.util.function.Predicate<String> routeQuery,
      int max) {
    List<SemanticIndex.RowSource> all = new ArrayList<>();
    for (int e = 0; e < kb.size(); e++) {
      for (int k = 0; k < kb.entries().get(e).keywords().size(); k++) {
        SemanticIndex.RowSource keyword = new SemanticIndex.RowSource(e, k);
        String text = keywordText(kb, keyword);
        if (!text.isEmpty() && routeQuery.test(text)) {
          all.add(keyword);
        }
      }
    }
    if (all.size() <= max) {
      return all;
    }
    // Spread over the KB, as the leave-one-out probes are: each keyword is embedded and scored against every
    // row, and all ~30 000 keywords of a 10 000-entry KB made its calibration take 290 s instead of 45 s.
    int stride = (all.size() + max - 1) / max;
    List<SemanticIndex.RowSource> spread = new ArrayList<>(max);
    for (int i = 0; i < all.size(); i += stride) {
      spread.add(all.get(i));
    }
    return spread;
  }

  static String keywordText(KnowledgeBase kb, SemanticIndex.RowSource keyword) {
    return TextNormalizer.normalize(kb.entries().get(keyword.entry()).keywords().get(keyword.question())).strip();
  }

  private static List<String> loadGeneric() {
    return ResourceLines.read(ProbeTexts.class, "out-of-scope.txt").stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(l -> TextNormalizer.normalize(l).strip())
        .toList();
  }
}
