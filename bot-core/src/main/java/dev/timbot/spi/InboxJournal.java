package dev.timbot.spi;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The inbox journal: every callback the receiver acknowledges is appended here first, because the
 * service does not redeliver an acknowledged callback. An entry stays until the runtime has
 * handled it; on start the runtime dispatches the unfinished ones again, in append order.
 *
 * <p>Redis maps this onto a stream with a consumer group ({@code XADD}, {@code XACK}, pending
 * entries); the embedded store onto an ordered map.
 */
public interface InboxJournal {

  /**
   * Appends an entry. The future completes with its id once the entry is durable; concurrent
   * appends may share one flush. Ids increase in append order.
   */
  CompletableFuture<Long> append(byte[] payload);

  /**
   * Marks an entry handled. Need not be durable at once: a mark lost in a crash means the entry is
   * dispatched again, which the dedupe window and the outbox's stable ids absorb.
   */
  void finish(long id);

  /** Up to {@code limit} unfinished entries with an id greater than {@code afterId}, in id order. */
  List<Entry> unfinished(long afterId, int limit);

  /** How many entries are not finished (the backlog the receiver bounds). */
  long backlog();

  /** One journaled callback: the runtime's own encoding of it and when it was appended. */
  record Entry(long id, byte[] payload, Instant appendedAt) {}
}
