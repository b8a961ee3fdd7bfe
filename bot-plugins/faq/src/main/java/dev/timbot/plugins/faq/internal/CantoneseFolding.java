package dev.timbot.plugins.faq.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Written Cantonese words folded to their Mandarin equivalents ({@code 点样} → {@code 怎样}, {@code 唔见咗} → {@code 不见了}),
 * from the table {@code cantonese-mandarin.tsv}. Hong Kong and Guangdong customers write questions this way, and a
 * knowledge base is written in Mandarin: neither BM25 nor the Chinese sentence model (trained on Mandarin) otherwise
 * reads {@code 唔}, {@code 咗} or {@code 冇} as the negation and tense they are. No maintained Java library maps
 * Cantonese vocabulary (OpenCC's Hong Kong profiles convert character variants only), so the table is ours, kept to
 * words written Mandarin does not use with another meaning.
 *
 * <p>{@code -Dtimbot.faq.cantonese=false} leaves text as the traditional → simplified transform gives it (session 38).
 */
final class CantoneseFolding {
  static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("timbot.faq.cantonese", "true"));

  private static final Map<String, String> TABLE = load();
  /** Every key, longest first, so a phrase wins over the word inside it (系唔系 over 唔). */
  private static final Pattern KEYS = Pattern.compile(TABLE.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
      .collect(Collectors.joining("|")));

  private CantoneseFolding() {}

  /** {@code simplified} with every Cantonese word of the table replaced (text without one is returned as is). */
  static String fold(String simplified) {
    if (!ENABLED) {
      return simplified;
    }
    Matcher m = KEYS.matcher(simplified);
    if (!m.find()) {
      return simplified;
    }
    StringBuilder out = new StringBuilder(simplified.length() + 8);
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(TABLE.get(m.group())));
    } while (m.find());
    return m.appendTail(out).toString();
  }

  private static Map<String, String> load() {
    Map<String, String> table = new LinkedHashMap<>();
    try (InputStream in = CantoneseFolding.class.getResourceAsStream("cantonese-mandarin.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] kv = line.split("\t");
        if (kv.length != 2 || table.put(kv[0], kv[1]) != null) {
          throw new IllegalStateException("cantonese-mandarin.tsv: bad or repeated line: " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(table);
  }
}
