package dev.timbot.plugins.faq.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Finds which of the KB's keywords occur in a query, each as a whole unit.
 *
 * <p>Keywords are curated phrases ("运费险", "cash on delivery"). Indexing them as ordinary text
 * would split "多久到账" into "多久" + "到账" and let the generic half match every "多久" question,
 * so each keyword becomes one indexed term instead, and this class decides which of those terms a
 * query contains:
 *
 * <ul>
 *   <li>a keyword with Chinese characters matches as a substring of the folded query — no
 *       dependence on how the segmenter happens to cut the surrounding sentence;
 *   <li>a Latin keyword matches as a sequence of stemmed words, so "tracking" also matches
 *       "track" and "cod" never matches inside "code".
 * </ul>
 */
final class KeywordMatcher {
  private static final int MAX_LATIN_WORDS = 4;

  private final Analyzer words;
  private final Set<String> cjk = new HashSet<>();
  private final Set<String> latin = new HashSet<>();
  private int maxCjkLength;

  KeywordMatcher(Analyzer words) {
    this.words = words;
  }

  /** The indexed term for a keyword (already {@link TextNormalizer normalised}). */
  String register(String keyword) {
    String key = key(keyword);
    if (key.isEmpty()) {
      return key;
    }
    if (hasCjk(key)) {
      cjk.add(key);
      maxCjkLength = Math.max(maxCjkLength, key.length());
    } else {
      latin.add(key);
    }
    return key;
  }

  /** The registered keyword terms that occur in a normalised query. */
  Set<String> find(String normalizedQuery) {
    return find(normalizedQuery, latin.isEmpty() ? List.of() : latinTokens(normalizedQuery));
  }

  /**
   * Like {@link #find(String)}, with the query's tokens from the words analyzer this matcher was made with (a lookup
   * has them already: {@link QueryWords}).
   */
  Set<String> find(String normalizedQuery, List<String> wordTokens) {
    Set<String> found = new LinkedHashSet<>();
    String compact = normalizedQuery.replaceAll("\\s+", "");
    for (int i = 0; i < compact.length(); i++) {
      for (int len = 1; len <= maxCjkLength && i + len <= compact.length(); len++) {
        String sub = compact.substring(i, i + len);
        if (cjk.contains(sub)) {
          found.add(sub);
        }
      }
    }
    if (!latin.isEmpty()) {
      List<String> tokens = wordTokens;
      for (int i = 0; i < tokens.size(); i++) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < MAX_LATIN_WORDS && i + n < tokens.size(); n++) {
          if (n > 0) {
            sb.append(' ');
          }
          sb.append(tokens.get(i + n));
          if (latin.contains(sb.toString())) {
            found.add(sb.toString());
          }
        }
      }
    }
    return found;
  }

  private String key(String keyword) {
    if (hasCjk(keyword)) {
      return keyword.replaceAll("\\s+", "");
    }
    return String.join(" ", latinTokens(keyword));
  }

  private List<String> latinTokens(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = words.tokenStream("keywords", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static boolean hasCjk(String s) {
    return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
