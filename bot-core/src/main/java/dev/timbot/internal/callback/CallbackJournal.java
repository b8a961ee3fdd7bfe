package dev.timbot.internal.callback;

import java.time.Instant;

/**
 * Where the receiver records a verified callback before answering it (journal before ack,
 * DESIGN.md §6): the service does not redeliver a callback answered with OK, so the answer waits
 * until the callback is durable. With a journal the receiver does not call its sink: whoever reads
 * the journal hands the callback on.
 */
public interface CallbackJournal {
  /**
   * Records one request and returns once it is durable.
   *
   * @param event the request's body, already bound and validated (it names the conversation)
   * @throws CallbackRejected with 503 when it cannot be recorded now (backlog bound reached, disk
   *     failing), so that the service's own retry policy applies
   */
  void record(CallbackEvent event, String command, String clientIp, String optPlatform, Instant receivedAt, byte[] body)
      throws CallbackRejected;
}
