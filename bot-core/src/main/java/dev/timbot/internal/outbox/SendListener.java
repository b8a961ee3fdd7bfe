package dev.timbot.internal.outbox;

/**
 * What the outbox reports (the runtime turns it into metrics and {@code ERROR} events), so that
 * the outbox depends on nothing of the runtime.
 */
public interface SendListener {
  /** A send finished: confirmed, or failed for now or for good. */
  void finished(boolean group, boolean ok);

  /** A send failed; {@code description} names its id and conversation. */
  void failed(int code, String description, Throwable cause);

  /** A send became a dead letter. */
  void deadLetter();
}
