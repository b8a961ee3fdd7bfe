package dev.timbot;

import java.time.Duration;

/** Options of one registered handler; each method returns this for chaining. */
public interface HandlerOptions {
  int DEFAULT_PRIORITY = 1;

  /**
   * Lower values run first (default {@value #DEFAULT_PRIORITY}). Within one priority, commands run
   * first, then keyword/regex/predicate/typed handlers, then per-type catch-alls ({@code text},
   * {@code image}, {@code message}…), each group in registration order.
   */
  HandlerOptions priority(int priority);

  /**
   * When this handler matches, every handler after it is skipped (equal priorities included).
   * Commands block by default.
   */
  HandlerOptions block();

  /** Only C2C messages. */
  HandlerOptions c2cOnly();

  /** Only group messages. */
  HandlerOptions groupOnly();

  /** Also group messages that do not @-mention the bot. */
  HandlerOptions allGroupMessages();

  /**
   * Every message the callback delivers, including messages between other accounts and group
   * messages without a mention (moderation, audit). The bot's own messages are never dispatched.
   */
  HandlerOptions observer();

  /** This handler's timeout, instead of {@code dispatch.handlerTimeout}. */
  HandlerOptions timeout(Duration timeout);

  /** The name shown in traces, metrics and errors (default {@code plugin:kind#n}). */
  HandlerOptions name(String name);
}
