package dev.timbot.test;

import dev.timbot.MatchTrace;
import dev.timbot.message.Message;

/** A message delivered to the bot: the callback body, the message as the bot reads it, and its trace. */
public final class Delivery {
  private final BotTester tester;
  private final String callbackJson;
  private final Message message;

  Delivery(BotTester tester, String callbackJson, Message message) {
    this.tester = tester;
    this.callbackJson = callbackJson;
    this.message = message;
  }

  /** The callback body as the service sent it. */
  public String callbackJson() {
    return callbackJson;
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
    tester.deliver(callbackJson);
    return this;
  }
}
