package dev.timbot.plugins.faq.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds the surface variants that users type but that mean the same thing, before any Lucene
 * analysis, on both the indexed questions and the queries:
 *
 * <ul>
 *   <li>NFKC: full-width letters, digits and punctuation ({@code ＶＩＰ？}) become half-width;
 *   <li>traditional → simplified Chinese, character by character, from a bundled table of the
 *       characters common in shop and customer-service text ({@code t2s.txt});
 *   <li>lower case (root locale, so Turkish dotless-i rules never apply).
 * </ul>
 *
 * <p>Character-level conversion is ambiguous for a handful of characters (乾/干, 著/着), but both
 * sides go through the same table, so a consistent mapping is all matching needs.
 */
public final class TextNormalizer {
  private static final char[] T2S = loadTable();

  private TextNormalizer() {}

  public static String normalize(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    char[] chars = nfkc.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      char s = T2S[c];
      if (s != 0) {
        chars[i] = s;
      }
    }
    return new String(chars).toLowerCase(Locale.ROOT);
  }

  /** A 64K lookup table indexed by UTF-16 unit; 0 means "unchanged". Only BMP characters are mapped. */
  private static char[] loadTable() {
    char[] table = new char[Character.MAX_VALUE + 1];
    try (InputStream in = TextNormalizer.class.getResourceAsStream("t2s.txt")) {
      if (in == null) {
        throw new IllegalStateException("t2s.txt missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.length() != 2) {
          throw new IllegalStateException("bad t2s.txt line: " + line);
        }
        table[line.charAt(0)] = line.charAt(1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return table;
  }
}
