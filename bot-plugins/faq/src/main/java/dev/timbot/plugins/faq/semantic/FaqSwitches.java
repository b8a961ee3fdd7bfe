package dev.timbot.plugins.faq.semantic;

import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code -Dtimbot.faq.*} switches that restore an earlier ranking or decision for comparison. They are read
 * once, into static fields: a value that does not parse is logged (naming the property and what it accepts) and the
 * default is used. Throwing instead would happen inside a class initialiser, on the first lookup, and leave the
 * class unusable for every later one.
 */
final class FaqSwitches {
  private static final Logger log = LoggerFactory.getLogger(FaqSwitches.class);

  private FaqSwitches() {}

  /** One of {@code dflt}'s constants by name, in any case. */
  static <E extends Enum<E>> E choice(String property, E dflt) {
    String value = System.getProperty(property);
    if (value == null) {
      return dflt;
    }
    try {
      return Enum.valueOf(dflt.getDeclaringClass(), value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      log.error("-D{}={} is not one of {}: using {}", property, value,
          Arrays.toString(dflt.getDeclaringClass().getEnumConstants()).toLowerCase(Locale.ROOT),
          dflt.name().toLowerCase(Locale.ROOT));
      return dflt;
    }
  }

  /** A fraction strictly between 0 and 1. */
  static double fraction(String property, double dflt) {
    return number(property, dflt, Double::valueOf, v -> v > 0 && v < 1, "a number between 0 and 1");
  }

  /** A whole number of at least 1. */
  static int count(String property, int dflt) {
    return number(property, dflt, Integer::valueOf, v -> v >= 1, "a whole number of at least 1");
  }

  /** The property parsed, when it parses and is {@code valid}; else {@code dflt}, logged naming what it must be. */
  private static <T> T number(String property, T dflt, java.util.function.Function<String, T> parse,
      java.util.function.Predicate<T> valid, String what) {
    String value = System.getProperty(property);
    if (value == null) {
      return dflt;
    }
    try {
      T v = parse.apply(value.trim());
      if (valid.test(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // logged below
    }
    log.error("-D{}={} is not {}: using {}", property, value, what, dflt);
    return dflt;
  }
}
