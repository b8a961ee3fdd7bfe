package dev.timbot.plugins.faq.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
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
 * Cantonese vocabulary (OpenCC's Hong Kong profiles convert character variants only), so the table is ours.
 *
 * <p>Only a text with a key that marks it as Cantonese is folded (a one-character word written Mandarin does not use,
 * or a Cantonese question word such as {@code 点样} or {@code 几耐}): several two-character keys ({@code 边度},
 * {@code 而家}, {@code 屋企}) also occur across the word boundaries of plain Mandarin ({@code 周边度假}, {@code 而家长},
 * {@code 房屋企业}). Rows mapping a phrase to itself shield the marking keys inside Mandarin words ({@code 几点算}).
 *
 * <p>{@code -Dtimbot.faq.cantonese=false} leaves text as the traditional → simplified transform gives it (session 38).
 */
final class CantoneseFolding {
  static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("timbot.faq.cantonese", "true"));

  /** The table's third column on a longer key that marks a text as Cantonese. */
  private static final String MARKS = "marks";

  /** A row of the table: the Mandarin for its key, and whether the key marks a text as Cantonese. */
  private record Row(String mandarin, boolean marks) {}

  private static final Map<String, Row> ROWS = ENABLED ? load() : Map.of();
  /** The keys that mark a text as Cantonese: every one-character key and those marked so; without one it is Mandarin. */
  private static final Pattern MARKERS = Pattern.compile(ROWS.entrySet().stream()
      .filter(e -> e.getKey().length() == 1 || e.getValue().marks()).map(e -> Pattern.quote(e.getKey()))
      .collect(Collectors.joining("|")));
  /** Every key, longest first, so of two keys starting at the same character the longer wins (唔识 over 唔). */
  private static final Pattern KEYS = Pattern.compile(ROWS.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
      .collect(Collectors.joining("|")));

  private CantoneseFolding() {}

  /** {@code simplified} with every word of the table replaced, if it is written Cantonese; else as is. */
  static String fold(String simplified) {
    if (!isCantonese(simplified)) {
      return simplified;
    }
    Matcher m = KEYS.matcher(simplified);
    StringBuilder out = new StringBuilder(simplified.length() + 8);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(ROWS.get(m.group()).mandarin()));
    }
    return m.appendTail(out).toString();
  }

  /** The table (key → Mandarin), for its checks. */
  static Map<String, String> table() {
    return ROWS.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().mandarin()));
  }

  /** Whether {@code simplified} has a key that marks it as written Cantonese. */
  static boolean isCantonese(String simplified) {
    return !ROWS.isEmpty() && MARKERS.matcher(simplified).find();
  }

  /** What the fold is, for keys of state computed from folded text: off, or a digest of the table. */
  static String describe() {
    if (ROWS.isEmpty()) {
      return "cantonese off";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(new java.util.TreeMap<>(ROWS).toString().getBytes(StandardCharsets.UTF_8));
      return "cantonese " + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Row> load() {
    Map<String, Row> table = new LinkedHashMap<>();
    for (String line : ResourceLines.read(CantoneseFolding.class, "cantonese-mandarin.tsv")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] kv = line.split("\t", -1);
      if (kv.length < 2 || kv.length > 3 || kv.length == 3 && !kv[2].equals(MARKS) || kv[0].isEmpty()
          || kv[1].isEmpty() || !kv[0].equals(kv[0].strip()) || !kv[1].equals(kv[1].strip())
          || table.put(kv[0], new Row(kv[1], kv.length == 3)) != null) {
        throw new IllegalStateException("cantonese-mandarin.tsv: not two non-blank tab-separated words (and \""
            + MARKS + "\"), or repeated: " + line);
      }
    }
    return table;
  }
}
