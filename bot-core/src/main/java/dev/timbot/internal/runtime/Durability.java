package dev.timbot.internal.runtime;

import dev.timbot.internal.inbox.JournalPump;
import dev.timbot.internal.outbox.DurableOutbox;
import dev.timbot.internal.store.LazyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store and what keeps promises through it, started and stopped by {@link Lifecycle}: at
 * start, open the store, resend the sends not confirmed and replay the callbacks not handled by
 * the previous process; at stop, stop reading the journal (the rest stays there) and close.
 */
public record Durability(LazyStore store, JournalPump pump, DurableOutbox outbox, String name) {
  private static final Logger log = LoggerFactory.getLogger(Durability.class);

  /** Opens the store and starts replaying; fails with the store's own message (e.g. locked). */
  void start() {
    store.get();
    int resent = outbox.resume();
    long replayed = pump.start("timbot-journal-" + name);
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
  }

  void close() {
    store.close();
  }
}
