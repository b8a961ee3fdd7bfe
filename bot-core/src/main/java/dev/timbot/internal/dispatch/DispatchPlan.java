package dev.timbot.internal.dispatch;

import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.LocationElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.UnknownElem;
import dev.timbot.message.VideoFileElem;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The frozen handler table compiled for matching: each handler's {@link MatchHint} turned into a
 * check against {@link Facts} computed once per message (an element-type mask, the command word,
 * the lower-cased text), so a handler that cannot match is ruled out without running its matcher,
 * building a "no match" answer or allocating. A regex handler finds with a {@link
 * java.util.regex.Matcher} reused by the lane thread. Only handlers the plan cannot rule out run
 * their own matcher, which builds the real {@link Match} (arguments, groups, payload).
 *
 * <p>Immutable after construction and shared by all lanes.
 */
public final class DispatchPlan {
  /** The plan's answer for one handler: run its matcher to know. */
  public static final int RUN = 0;
  /** The handler cannot match this message. */
  public static final int NO = 1;
  /** The handler matches with {@link Match#YES} (a pure element-type check that passed). */
  public static final int YES = 2;

  private static final byte OPAQUE = 0;
  private static final byte TYPES = 1;
  private static final byte COMMAND = 2;
  private static final byte KEYWORD = 3;
  private static final byte REGEX = 4;

  private final List<HandlerDef> handlers;
  private final byte[] kind;
  private final int[] mask;
  private final boolean[] exact;
  /** The command name, lower-cased keyword, or null. */
  private final String[] word;
  /** Per handler, its index into the thread's reusable regex matchers, or -1. */
  private final int[] regexSlot;
  private final Pattern[] patterns;
  private final String[] prefixes;
  private final ThreadLocal<java.util.regex.Matcher[]> matchers;

  public DispatchPlan(List<HandlerDef> handlers, List<String> commandPrefixes) {
    this.handlers = handlers;
    int n = handlers.size();
    kind = new byte[n];
    mask = new int[n];
    exact = new boolean[n];
    word = new String[n];
    regexSlot = new int[n];
    java.util.ArrayList<Pattern> regexes = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      regexSlot[i] = -1;
      MatchHint hint = handlers.get(i).hint();
      if (hint instanceof MatchHint.Types t) {
        kind[i] = TYPES;
        mask[i] = t.mask();
        exact[i] = t.exact();
      } else if (hint instanceof MatchHint.Command c) {
        kind[i] = COMMAND;
        mask[i] = TEXT;
        word[i] = c.name();
      } else if (hint instanceof MatchHint.Keyword k) {
        kind[i] = KEYWORD;
        mask[i] = TEXT;
        word[i] = k.lower();
      } else if (hint instanceof MatchHint.Regex r) {
        kind[i] = REGEX;
        mask[i] = TEXT;
        regexSlot[i] = regexes.size();
        regexes.add(r.pattern());
      } else if (hint instanceof MatchHint.Opaque o) {
        kind[i] = OPAQUE;
        mask[i] = o.mask();
      }
    }
    patterns = regexes.toArray(Pattern[]::new);
    prefixes = commandPrefixes.toArray(String[]::new);
    matchers = ThreadLocal.withInitial(() -> new java.util.regex.Matcher[patterns.length]);
  }

  /** The handlers in dispatch order (the list the plan was compiled from). */
  public List<HandlerDef> handlers() {
    return handlers;
  }

  static final int TEXT = 1;
  private static final int IMAGE = 1 << 1;
  private static final int FILE = 1 << 2;
  private static final int SOUND = 1 << 3;
  private static final int VIDEO = 1 << 4;
  private static final int FACE = 1 << 5;
  private static final int LOCATION = 1 << 6;
  static final int CUSTOM = 1 << 7;
  private static final int UNKNOWN = 1 << 8;

  /** The mask bit of an element type, for {@link MatchHint.Types}. */
  public static int typeBit(Class<? extends MessageElem> type) {
    if (type == TextElem.class) {
      return TEXT;
    } else if (type == ImageElem.class) {
      return IMAGE;
    } else if (type == FileElem.class) {
      return FILE;
    } else if (type == SoundElem.class) {
      return SOUND;
    } else if (type == VideoFileElem.class) {
      return VIDEO;
    } else if (type == FaceElem.class) {
      return FACE;
    } else if (type == LocationElem.class) {
      return LOCATION;
    } else if (type == CustomElem.class) {
      return CUSTOM;
    } else if (type == UnknownElem.class) {
      return UNKNOWN;
    }
    throw new IllegalArgumentException("not an element type: " + type);
  }

  private static int bitOf(MessageElem e) {
    if (e instanceof TextElem) {
      return TEXT;
    } else if (e instanceof ImageElem) {
      return IMAGE;
    } else if (e instanceof FileElem) {
      return FILE;
    } else if (e instanceof SoundElem) {
      return SOUND;
    } else if (e instanceof VideoFileElem) {
      return VIDEO;
    } else if (e instanceof FaceElem) {
      return FACE;
    } else if (e instanceof LocationElem) {
      return LOCATION;
    } else if (e instanceof CustomElem) {
      return CUSTOM;
    }
    return UNKNOWN;
  }

  /** What the plan needs to know about one message; computed once, on the lane thread. */
  public Facts facts(Message message, String text) {
    int m = 0;
    List<MessageElem> elements = message.elements();
    for (int i = 0; i < elements.size(); i++) {
      m |= bitOf(elements.get(i));
    }
    return new Facts(m, text);
  }

  /** Whether the message has a custom element (then payloads are decoded for matchers). */
  public static boolean hasCustom(Facts facts) {
    return (facts.mask & CUSTOM) != 0;
  }

  /** {@link #RUN}, {@link #NO} or {@link #YES} for handler {@code i} and this message. */
  public int check(int i, Facts f) {
    int need = mask[i];
    if (need != 0 && (f.mask & need) == 0) {
      return NO;
    }
    return switch (kind[i]) {
      case TYPES -> exact[i] ? YES : RUN;
      case COMMAND -> f.isCommand(word[i], prefixes) ? RUN : NO;
      case KEYWORD -> f.lower().contains(word[i]) ? YES : NO;
      case REGEX -> found(regexSlot[i], f.text) ? RUN : NO;
      default -> RUN;
    };
  }

  private boolean found(int slot, String text) {
    java.util.regex.Matcher[] mine = matchers.get();
    java.util.regex.Matcher m = mine[slot];
    if (m == null) {
      m = patterns[slot].matcher(text);
      mine[slot] = m;
    } else {
      m.reset(text);
    }
    boolean found = m.find();
    m.reset(""); // don't keep the message's text reachable from the thread
    return found;
  }

  /** Per-message facts; the text-derived ones are computed on first use. */
  public static final class Facts {
    final int mask;
    final String text;
    private String lower;
    private String stripped;
    /** Where the command word starts in {@link #stripped}: -2 not computed, -1 no prefix. */
    private int commandStart = -2;
    private int commandEnd;

    Facts(int mask, String text) {
      this.mask = mask;
      this.text = text;
    }

    String lower() {
      if (lower == null) {
        lower = text.toLowerCase(Locale.ROOT);
      }
      return lower;
    }

    /**
     * As the command matcher decides: the first prefix the stripped text starts with, then the
     * word up to the first whitespace ({@code \s}) equals {@code name}.
     */
    boolean isCommand(String name, String[] prefixes) {
      if (commandStart == -2) {
        stripped = text.strip();
        commandStart = -1;
        for (String prefix : prefixes) {
          if (stripped.startsWith(prefix)) {
            commandStart = prefix.length();
            int end = commandStart;
            while (end < stripped.length() && !isRegexSpace(stripped.charAt(end))) {
              end++;
            }
            commandEnd = end;
            break;
          }
        }
      }
      return commandStart >= 0
          && commandEnd - commandStart == name.length()
          && stripped.regionMatches(commandStart, name, 0, name.length());
    }

    /** The characters of the regex class {@code \s}. */
    private static boolean isRegexSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
  }
}
