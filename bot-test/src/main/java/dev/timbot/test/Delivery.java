package dev.timbot.test;

import dev.timbot.MatchTrace;
import dev.timbot.message.Message;
import dev.timbot.internal.callback.CallbackEvent;

/** A message delivered to the bot: the callback, the message as the bot reads it, and its trace. */
public final class Delivery {
  private final BotTester tester;
  private final CallbackEvent callback;
  private final Message message;

  Delivery(BotTester tester, CallbackEvent callback, Message message) {
    this.tester = tester;
    this.callback = callback;
    this.message = message;
  }

  public CallbackEvent callback() {
    return callback;
  }

  public Message message() {
    return message;
  }

  /** Why each handler did or did not take this message. */
  public MatchTrace trace() {
    return tester.traceOf(message);
  }

  /** Delivers the same callback again, as the service does when it retries. */
  public Delivery redeliver() {
    tester.deliver(callback);
    return this;
  }
}
