package dev.timbot.internal.inbox;

import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.spi.Store.InboxJournal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal entries the pump has handed to the inbox and that are not finished yet: how many
 * (the pump's bound on what is on the heap), which (skipped when the journal is read again), and
 * marking each finished in the journal once the inbox has handled it.
 */
final class EntriesInHand {
  private static final Logger log = LoggerFactory.getLogger(EntriesInHand.class);

  private final Supplier<InboxJournal> journal;
  private final JournalPump.Target target;
  /** Runs when an entry finishes while the pump waits for room. */
  private final Runnable roomFreed;
  private final AtomicInteger count = new AtomicInteger();
  private final Set<Long> ids = ConcurrentHashMap.newKeySet();
  /** The pump waits for room: finishing entries wake it (and only then, else every reply would). */
  private volatile boolean waitingForRoom;

  EntriesInHand(Supplier<InboxJournal> journal, JournalPump.Target target, Runnable roomFreed) {
    this.journal = journal;
    this.target = target;
    this.roomFreed = roomFreed;
  }

  int count() {
    return count.get();
  }

  boolean contains(long id) {
    return ids.contains(id);
  }

  void waitingForRoom(boolean waiting) {
    waitingForRoom = waiting;
  }

  /** Offers one entry to the target once; false when it was not taken (nothing was done). */
  boolean offer(long id, ReceivedCallback callback) {
    count.incrementAndGet();
    ids.add(id);
    BooleanSupplier finished = () -> {
      boolean marked = false;
      try {
        journal.get().finish(id);
        marked = true;
      } catch (RuntimeException ex) {
        log.warn("journal entry {} could not be marked finished (it will be replayed; its replies are not sent "
            + "twice): {}", id, ex.toString());
      }
      ids.remove(id);
      count.decrementAndGet();
      if (waitingForRoom) {
        roomFreed.run();
      }
      return marked;
    };
    boolean taken = false;
    try {
      taken = target.offer(callback, id, finished);
      return taken;
    } finally {
      if (!taken) {
        ids.remove(id);
        count.decrementAndGet();
      }
    }
  }
}
