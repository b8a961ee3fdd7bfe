package dev.timbot.plugin;

import java.time.Duration;

/** Options of one registered handler; each method returns this for chaining. */
public interface HandlerOptions {
  int DEFAULT_PRIORITY = 1;

  /** Lower values run first (default {@value #DEFAULT_PRIORITY}); equal priorities run in registration order. */
  HandlerOptions priority(int priority);

  /** When this handler matches, handlers of lower priority (higher values) are skipped. */
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
