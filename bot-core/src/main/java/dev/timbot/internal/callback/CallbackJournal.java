package dev.timbot.internal.callback;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Where the receiver records a verified callback before answering it (journal before ack,
 * DESIGN.md §6): the service does not redeliver a callback answered with OK, so the answer waits
 * until the callback is durable. With a journal the receiver does not call its sink: whoever reads
 * the journal hands the callback on.
 */
public interface CallbackJournal {
  /**
   * Records one request; the stage completes once it is durable. The caller answers then, without
   * waiting on a thread of its own for the commit.
   *
   * @param event the request's body, already bound and validated (it names the conversation)
   * @return completes when the record is durable, or fails with a {@link CallbackRejected} (503)
   *     when it could not be made durable (disk failing, store halted, not in time)
   * @throws CallbackRejected with 503 when it cannot be recorded now (backlog bound reached, store
   *     unreachable), so that the service's own retry policy applies
   */
  CompletableFuture<Void> record(
      CallbackEvent event, String command, String clientIp, String optPlatform, Instant receivedAt, byte[] body)
      throws CallbackRejected;
}
