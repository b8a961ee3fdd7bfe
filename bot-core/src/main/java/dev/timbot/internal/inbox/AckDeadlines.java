package dev.timbot.internal.inbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Acknowledgements waiting for their journal entries' commit, each with a deadline: one that is
 * still not durable at its deadline is failed (the receiver answers 503, the service retries)
 * rather than left to the service's 2-s timeout. No timer per callback: entries are kept in the
 * order they were written — the order their commits complete and the order of their deadlines —
 * and {@link #expire} is called often (by each new callback and by the journal pump's passes),
 * dropping the done ones from the head and failing the overdue ones.
 */
final class AckDeadlines {
  private record Waiting(long deadlineNanos, CompletableFuture<?> ack) {}

  private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
  /**
   * One sweeper at a time: every receiving thread calls {@link #expire}, and a second one removing the
   * head the first just took would make {@code remove} scan the whole queue.
   */
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final long withinNanos;
  private final Supplier<Throwable> overdue;

  /**
   * @param withinNanos how long an entry may take to become durable
   * @param overdue what an overdue acknowledgement fails with
   */
  AckDeadlines(long withinNanos, Supplier<Throwable> overdue) {
    this.withinNanos = withinNanos;
    this.overdue = overdue;
  }

  /** Watches {@code ack} from now on; returns it. */
  <T> CompletableFuture<T> watch(CompletableFuture<T> ack) {
    if (!ack.isDone()) {
      queue.add(new Waiting(System.nanoTime() + withinNanos, ack));
    }
    return ack;
  }

  /**
   * Drops the acknowledgements done at the head and fails those past their deadline. Stops at the
   * first one neither done nor due: deadlines are in order, so none behind it is due yet either
   * (one that completed out of order waits at most until the head is done).
   */
  void expire() {
    if (!sweeping.compareAndSet(false, true)) {
      return; // another thread sweeps now
    }
    try {
      long now = System.nanoTime();
      for (Waiting w = queue.peek(); w != null; w = queue.peek()) {
        if (!w.ack().isDone() && now - w.deadlineNanos() < 0) {
          return;
        }
        queue.poll(); // the head is still w: only the sweeper takes from the queue
        if (!w.ack().isDone()) {
          w.ack().completeExceptionally(overdue.get());
        }
      }
    } finally {
      sweeping.set(false);
    }
  }

  /** Acknowledgements watched and not yet dropped (for tests). */
  int size() {
    return queue.size();
  }
}
