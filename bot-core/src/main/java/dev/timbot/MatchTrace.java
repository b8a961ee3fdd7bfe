package dev.timbot;

import dev.timbot.message.Message;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a message did or did not reach each handler — the answer to "why didn't my handler fire".
 * Logged at debug level ({@code dev.timbot.dispatch}) and available from {@link
 * Bot#onTrace} and the test kit.
 *
 * @param message the message
 * @param routing how the message was addressed (see {@link Routing})
 * @param consumedBy non-null when a pending {@link Context#ask} took the message as its answer
 * @param mutedBy non-null when an inbound interceptor stopped the message
 * @param ignored non-null when the message never reached a lane: {@code duplicate}, or {@code
 *     not addressed} (no handler opted in to unmentioned group messages or to observing)
 * @param handlers one entry per registered handler, in evaluation order (empty for duplicates)
 */
public record MatchTrace(
    Message message,
    Routing routing,
    String consumedBy,
    String mutedBy,
    String ignored,
    List<HandlerTrace> handlers) {
  public MatchTrace {
    handlers = List.copyOf(handlers);
  }

  /** The entry of the named handler. */
  public HandlerTrace handler(String name) {
    return handlers.stream()
        .filter(h -> h.handler().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no handler named " + name + " in " + this));
  }

  /** Handlers that matched and ran. */
  public List<HandlerTrace> matched() {
    return handlers.stream().filter(h -> h.verdict().ran()).toList();
  }

  @Override
  public String toString() {
    String head =
        "message " + message.dedupeKey() + " in " + message.conversation() + " from "
            + message.from() + " (" + routing + ")";
    if (consumedBy != null) {
      return head + ": answer to " + consumedBy;
    }
    if (ignored != null && handlers.isEmpty()) {
      return head + ": ignored, " + ignored;
    }
    return head + (mutedBy != null ? ", muted by " + mutedBy : "")
        + (ignored != null ? ", ignored: " + ignored : "") + ":\n"
        + handlers.stream().map(h -> "  " + h).collect(Collectors.joining("\n"));
  }

  /** How a message reached the bot. */
  public enum Routing {
    /** C2C to the bot. */
    DIRECT,
    /** In a group, @-mentioning the bot. */
    MENTIONED,
    /** In a group, without mentioning the bot: only handlers that opt in see it. */
    GROUP_UNMENTIONED,
    /** Between other accounts: only observers see it. */
    OBSERVED
  }

  /**
   * @param handler the handler's name ({@code plugin:kind#n} unless named)
   * @param priority its priority
   * @param verdict the outcome
   * @param detail why, in words (e.g. {@code command was 'helpme', wanted 'help'})
   */
  public record HandlerTrace(String handler, int priority, Verdict verdict, String detail) {
    @Override
    public String toString() {
      return handler + " [" + priority + "] " + verdict + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  /** What happened to one handler. */
  public enum Verdict {
    /** Matched and returned normally. */
    HANDLED,
    /** Matched and threw (reported as an ERROR event). */
    FAILED,
    /** Matched and ran past its timeout (reported as an ERROR event). */
    TIMED_OUT,
    /** The message has no element of the handler's type. */
    WRONG_TYPE,
    /** C2C-only handler and a group message, or the reverse. */
    WRONG_CONVERSATION,
    /** A group message without an @-mention of the bot, and the handler did not opt in. */
    NOT_MENTIONED,
    /** A message between other accounts, and the handler is not an observer. */
    NOT_ADDRESSED,
    /** The text does not start with a command prefix. */
    NO_COMMAND_PREFIX,
    /** A command, but another one. */
    OTHER_COMMAND,
    /** The keyword is not in the text. */
    NO_KEYWORD,
    /** The regex does not match. */
    REGEX_MISMATCH,
    /** The predicate returned false (or threw). */
    PREDICATE_FALSE,
    /** No decoder produced the handler's payload type from the custom data. */
    NOT_DECODED,
    /** Plain custom handler skipped because a typed decoder took the custom data. */
    DECODED_AS_TYPE,
    /** A higher-priority handler that blocks had matched. */
    BLOCKED,
    /** An inbound interceptor stopped the message. */
    MUTED,
    /** An earlier handler for this message timed out, so the lane moved on. */
    SKIPPED;

    /** True when the handler was invoked. */
    public boolean ran() {
      return this == HANDLED || this == FAILED || this == TIMED_OUT;
    }
  }
}
