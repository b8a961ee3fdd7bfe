package dev.timbot.internal.inbox;

import dev.timbot.internal.callback.CallbackRejected;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.internal.callback.ReceivedCallback;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves journaled callbacks into the inbox, in journal order, keeping at most {@code maxInFlight}
 * messages (and sends) on the heap: the backlog stays in the store. The same loop replays, at
 * start, what the previous process journaled and did not finish. An entry is finished when the
 * inbox says it is handled (its replies recorded), or at once when it cannot be parsed.
 */
public final class JournalPump {
  private static final Logger log = LoggerFactory.getLogger(JournalPump.class);
  private static final int BATCH = 256;
  private static final long IDLE_WAIT_MS = 50;
  private static final long FULL_WAIT_MS = 5;

  /** Where entries go. */
  public interface Target {
    /**
     * Takes a callback; {@code finished} runs once it is handled. False when it cannot be taken
     * now (its conversation's queue is full): the pump offers it again shortly.
     */
    boolean offer(ReceivedCallback callback, long journalId, Runnable finished);
  }

  private final Supplier<InboxJournal> journal;
  private final Target target;
  private final IntSupplier otherInFlight;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Entries above this id are not yet durable (their callback is not yet answered). */
  private final AtomicLong durableUpTo = new AtomicLong(Long.MAX_VALUE);
  private final Object signal = new Object();
  private volatile boolean running;
  private Thread thread;
  private long cursor;

  /**
   * @param otherInFlight work on the heap that the pump should count too (sends in flight)
   */
  public JournalPump(Supplier<InboxJournal> journal, Target target, IntSupplier otherInFlight, int maxInFlight) {
    this.journal = journal;
    this.target = target;
    this.otherInFlight = otherInFlight;
    this.maxInFlight = maxInFlight;
  }

  /** Starts pulling from the first unfinished entry; returns how many were waiting (the replay). */
  public synchronized long start(String name) {
    long waiting = journal.get().backlog();
    // Everything in the store at start is durable; later entries become so one by one.
    long last = 0;
    for (List<InboxJournal.Entry> page = journal.get().unfinished(0, 4096); !page.isEmpty();
        page = journal.get().unfinished(last, 4096)) {
      last = page.get(page.size() - 1).id();
    }
    durableUpTo.set(last);
    running = true;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
    return waiting;
  }

  /** An entry is durable (its callback may be answered now): wake the pump. */
  public void durable(long id) {
    durableUpTo.accumulateAndGet(id, Math::max);
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /** Callbacks taken and not yet finished. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Stops pulling; what is left stays in the journal for the next start. */
  public void stop() {
    running = false;
    synchronized (signal) {
      signal.notifyAll();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      while (running) {
        int room = maxInFlight - inFlight.get() - otherInFlight.getAsInt();
        if (room <= 0) {
          pause(FULL_WAIT_MS);
          continue;
        }
        List<InboxJournal.Entry> batch = journal.get().unfinished(cursor, Math.min(BATCH, room));
        boolean progressed = false;
        for (InboxJournal.Entry e : batch) {
          if (!running || e.id() > durableUpTo.get()) {
            break;
          }
          handOn(e);
          cursor = e.id();
          progressed = true;
        }
        if (!progressed) {
          pause(IDLE_WAIT_MS);
        }
      }
    } catch (RuntimeException e) {
      log.error("the journal pump stopped; callbacks stay journaled until the next start", e);
    }
  }

  private void handOn(InboxJournal.Entry e) {
    ReceivedCallback callback;
    try {
      callback = JournaledCallback.decode(e.payload()).parse();
    } catch (CallbackRejected | IllegalArgumentException ex) {
      log.error("journal entry {} cannot be parsed and is dropped: {}", e.id(), ex.getMessage());
      journal.get().finish(e.id());
      return;
    }
    inFlight.incrementAndGet();
    Runnable finished = () -> {
      try {
        journal.get().finish(e.id());
      } catch (RuntimeException ex) {
        log.warn("journal entry {} could not be marked finished (it will be replayed; its replies are not sent "
            + "twice): {}", e.id(), ex.toString());
      }
      inFlight.decrementAndGet();
      synchronized (signal) {
        signal.notifyAll();
      }
    };
    boolean taken = false;
    while (running && !(taken = target.offer(callback, e.id(), finished))) {
      pause(FULL_WAIT_MS);
    }
    if (!taken) {
      inFlight.decrementAndGet(); // not taken: stays in the journal for the next start
    }
  }

  private void pause(long ms) {
    synchronized (signal) {
      try {
        signal.wait(ms);
      } catch (InterruptedException e) {
        running = false;
        Thread.currentThread().interrupt();
      }
    }
  }
}
