package dev.timbot.internal.dispatch;

import dev.timbot.MatchTrace.Verdict;
import dev.timbot.message.CustomElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The matcher behind each kind of handler the plugin API offers (by element type, custom
 * sub-protocol, command, keyword, regex, predicate): what it accepts and, when it does not, the
 * verdict and detail the trace shows. The {@link MatchHint} registered beside each must never rule
 * out what the matcher would accept ({@code DispatchPlanTest} checks that).
 */
final class BuiltInMatchers {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final String NO_TEXT = "no text element";
  private static final String NO_CUSTOM = "no custom element";

  private BuiltInMatchers() {}

  /** Any message at all. */
  static Matcher any() {
    return in -> Match.YES;
  }

  /** Messages with an element of {@code type}; {@code what} names it in the trace. */
  static Matcher ofType(Class<? extends MessageElem> type, String what) {
    return requiring(type, "no " + what + " element", in -> Match.YES);
  }

  /** Custom elements that no decoder recognised (the typed handlers take those). */
  static Matcher undecodedCustom() {
    return requiring(CustomElem.class, NO_CUSTOM, in -> {
      if (!in.decoded().isEmpty()) {
        return Match.no(
            Verdict.DECODED_AS_TYPE,
            "decoded as " + in.decoded().keySet().stream().map(Class::getSimpleName).toList());
      }
      return Match.YES;
    });
  }

  /** Custom elements decoded as {@code type}; the match carries the payload. */
  static Matcher decodedAs(Class<?> type) {
    return requiring(CustomElem.class, NO_CUSTOM, in -> {
      Object payload = in.decoded().get(type);
      if (payload == null) {
        String note = in.decodeNotes().get(type);
        return Match.no(
            Verdict.NOT_DECODED,
            "not a " + type.getSimpleName() + (note == null ? "" : " (" + note + ")"));
      }
      return Match.payload(payload);
    });
  }

  /** The command {@code name} after one of the command prefixes; the match carries its arguments. */
  static Matcher command(String name) {
    return requiring(TextElem.class, NO_TEXT, in -> {
      String text = in.text().strip();
      for (String prefix : in.commandPrefixes()) {
        if (text.startsWith(prefix)) {
          String rest = text.substring(prefix.length());
          String[] parts = WHITESPACE.split(rest, 2);
          if (!parts[0].equals(name)) {
            return Match.no(
                Verdict.OTHER_COMMAND, "command was '" + parts[0] + "', wanted '" + name + "'");
          }
          String argText = parts.length > 1 ? parts[1].strip() : "";
          return Match.command(CommandLine.split(argText), argText);
        }
      }
      return Match.no(
          Verdict.NO_COMMAND_PREFIX, "text does not start with any of " + in.commandPrefixes());
    });
  }

  /** Text containing {@code keyword}, ignoring case ({@code lower} is it lower-cased). */
  static Matcher keyword(String keyword, String lower) {
    return requiring(TextElem.class, NO_TEXT, in -> {
      return in.text().toLowerCase(Locale.ROOT).contains(lower)
          ? Match.YES
          : Match.no(Verdict.NO_KEYWORD, "'" + keyword + "' not in text");
    });
  }

  /** Text in which {@code regex} is found; the match carries the groups. */
  static Matcher regex(Pattern regex) {
    return requiring(TextElem.class, NO_TEXT, in -> {
      java.util.regex.Matcher found = regex.matcher(in.text());
      return found.find()
          ? Match.regex(found.toMatchResult())
          : Match.no(Verdict.REGEX_MISMATCH, "/" + regex.pattern() + "/ not found in text");
    });
  }

  /** Messages the plugin's predicate accepts; a predicate that throws declines. */
  static Matcher when(Predicate<Message> predicate) {
    return in -> {
      try {
        return predicate.test(in.message())
            ? Match.YES
            : Match.no(Verdict.PREDICATE_FALSE, "predicate returned false");
      } catch (RuntimeException e) {
        return Match.no(Verdict.PREDICATE_FALSE, "predicate threw " + e);
      }
    };
  }

  /** Messages in which the plugin's function finds something; the match carries it. */
  static <T> Matcher extracting(Function<Message, Optional<T>> extractor) {
    return in -> {
      try {
        Optional<T> found = extractor.apply(in.message());
        return found != null && found.isPresent()
            ? Match.payload(found.get())
            : Match.no(Verdict.PREDICATE_FALSE, "matcher found nothing");
      } catch (RuntimeException e) {
        return Match.no(Verdict.PREDICATE_FALSE, "matcher threw " + e);
      }
    };
  }

  /** {@code then} for messages with an element of {@code type}; for others one answer, made once. */
  private static Matcher requiring(Class<? extends MessageElem> type, String missing, Matcher then) {
    Match no = Match.no(Verdict.WRONG_TYPE, missing);
    return in -> in.message().has(type) ? then.match(in) : no;
  }
}
