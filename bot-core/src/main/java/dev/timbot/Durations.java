package dev.timbot;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h},
 * {@code 1d}, ISO {@code PT30S}, or a bare number of seconds. One parser for the runtime's keys
 * and every plugin's settings.
 */
final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} with the accepted forms. */
  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(s));
      }
      Matcher m = SIMPLE.matcher(s);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(s.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a duration such as 30s, 2m or PT30S, got '" + text.trim() + "'");
    }
  }

  /** {@code text} parsed, or {@code fallback} when it is null or blank. */
  public static Duration parse(String text, Duration fallback) {
    return text == null || text.isBlank() ? fallback : parse(text);
  }
}
