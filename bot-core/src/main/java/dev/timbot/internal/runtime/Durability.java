package dev.timbot.internal.runtime;

import dev.timbot.internal.inbox.JournalPump;
import dev.timbot.internal.outbox.DurableOutbox;
import dev.timbot.internal.store.LazyStore;
import dev.timbot.internal.timers.DurableTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store and what keeps promises through it, started and stopped by {@link Lifecycle}: at
 * start, open the store, resend the sends not confirmed and replay the callbacks not handled by
 * the previous process, and poll the store's timers; at stop, stop reading the journal (the rest
 * stays there) and the timers, and close.
 */
public record Durability(LazyStore store, JournalPump pump, DurableOutbox outbox, DurableTimers timers, String name) {
  private static final Logger log = LoggerFactory.getLogger(Durability.class);

  /** Opens the store and starts replaying; fails with the store's own message (e.g. locked). */
  void start() {
    store.get();
    // Read before the resume: partitions a shared journal gives this process after it are taken
    // over by the pump's first pass, the rest only once, here.
    long generation = store.journal().generation();
    int resent = outbox.resume(store.journal()::holds);
    long replayed = pump.start("timbot-journal-" + name, generation);
    timers.start();
    if (resent > 0 || replayed > 0) {
      log.info("store {}: replaying {} journaled callbacks and {} unconfirmed sends from before the restart",
          store.describe(), replayed, resent);
    } else {
      log.info("store {}", store.describe());
    }
  }

  /** Stops reading the journal; what was not taken yet stays for the next start. */
  void stopIntake() {
    pump.stop();
    timers.stop();
  }

  /** A reading to pass to {@link #idleSince}; wakes the journal pump so that it looks now. */
  long journalPasses() {
    long passes = pump.emptyPasses();
    pump.wake();
    return passes;
  }

  /**
   * Nothing durable is in progress: the journal pump, in a pass begun after {@code passes} was read,
   * found nothing new to hand on (so this process's journaled callbacks are all handed on — a
   * shared store's other processes do not count) and has nothing in hand; and no send is still being
   * recorded (a send waiting for the service's answer or for its retry's time is not in progress
   * here: the service or the clock moves it on).
   */
  boolean idleSince(long passes) {
    boolean drained = !pump.running() || pump.emptyPasses() >= passes + 2;
    if (!drained) {
      pump.wake();
    }
    return drained && pump.inFlight() == 0 && outbox.recording() == 0;
  }

  void close() {
    store.close();
  }
}
