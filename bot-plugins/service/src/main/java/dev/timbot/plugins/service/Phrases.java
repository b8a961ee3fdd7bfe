package dev.timbot.plugins.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Configured phrases ("转人工", "human", "bye"), compiled once. A Latin phrase must stand as whole
 * words ("agent" is not in "agents"); a CJK phrase anywhere in the text (no spaces between words).
 */
final class Phrases {
  private final List<Pattern> words = new ArrayList<>();
  private final List<String> fragments = new ArrayList<>();

  Phrases(List<String> phrases) {
    for (String p : phrases) {
      String phrase = p.toLowerCase(Locale.ROOT);
      if (phrase.chars().allMatch(c -> c < 0x2E80)) {
        words.add(Pattern.compile("(^|\\W)" + Pattern.quote(phrase) + "($|\\W)"));
      } else {
        fragments.add(phrase);
      }
    }
  }

  boolean matches(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return false;
    }
    return words.stream().anyMatch(w -> w.matcher(t).find()) || fragments.stream().anyMatch(t::contains);
  }
}
