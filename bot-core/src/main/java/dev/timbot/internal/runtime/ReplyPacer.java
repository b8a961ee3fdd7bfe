package dev.timbot.internal.runtime;

import dev.timbot.internal.callback.Admission;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Keeps acknowledgements in step with replies (issue 15). {@code pending} is what the bot has
 * acknowledged and not yet answered: journaled callbacks not yet finished plus sends in flight.
 * While it is at or above {@code bound}, a callback waits — up to {@code maxWait} — for room
 * before it is recorded and answered, so a saturated bot answers the service (or a load generator)
 * at the pace it replies. After {@code maxWait} the callback is taken anyway: durability still
 * holds, and {@code store.maxBacklog} stays the only reason to refuse one (an outage of the REST
 * API must fill the journal, not bounce callbacks).
 *
 * <p>Only one waiting thread polls (the others queue on a fair lock), so a full bot costs one
 * wake-up per {@value #POLL_MICROS} µs, not one per waiting request.
 */
final class ReplyPacer implements Admission {
  static final long POLL_MICROS = 500;

  private final LongSupplier pending;
  private final long bound;
  private final long maxWaitNanos;
  private final ReentrantLock gate = new ReentrantLock(true);

  ReplyPacer(LongSupplier pending, long bound, Duration maxWait) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    this.pending = pending;
    this.bound = bound;
    this.maxWaitNanos = maxWait.toNanos();
  }

  private boolean hasRoom() {
    return pending.getAsLong() < bound;
  }

  @Override
  public void pace() {
    if (!gate.hasQueuedThreads() && !gate.isLocked() && hasRoom()) {
      return;
    }
    long deadline = System.nanoTime() + maxWaitNanos;
    try {
      if (!gate.tryLock(maxWaitNanos, TimeUnit.NANOSECONDS)) {
        return; // waited long enough: take it
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      while (!hasRoom()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || Thread.currentThread().isInterrupted()) {
          return;
        }
        LockSupport.parkNanos(Math.min(left, TimeUnit.MICROSECONDS.toNanos(POLL_MICROS)));
      }
    } finally {
      gate.unlock();
    }
  }
}
