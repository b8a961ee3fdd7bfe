package dev.timbot;

import dev.timbot.message.Conversation;
import java.time.Duration;

/** Completes the future of {@link Context#ask} when the user did not answer in time. */
public class AskTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AskTimeoutException(Conversation conversation, String user, Duration timeout) {
    super("no answer from " + user + " in " + conversation + " within " + timeout);
  }
}
