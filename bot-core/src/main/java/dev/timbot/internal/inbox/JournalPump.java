package dev.timbot.internal.inbox;

import dev.timbot.internal.callback.CallbackRejected;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.internal.store.ConsecutiveIds;
import dev.timbot.internal.callback.ReceivedCallback;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves journaled callbacks into the inbox, in journal order, keeping at most {@code maxInFlight}
 * messages (and sends) on the heap: the backlog stays in the store. The same loop replays, at
 * start, what the previous process journaled and did not finish. An entry is finished when the
 * inbox says it is handled (its replies recorded), or at once when it cannot be parsed.
 *
 * <p>The receiver hands the callback it already parsed to {@link #ready(long, ReceivedCallback)}:
 * the pump then takes it from memory rather than decoding and parsing the entry again (issue 15).
 * The journal stays the record of what to do: the pump still walks it in order, and an entry it
 * has no parsed copy of (a replay after a restart, a partition taken over, a copy dropped because
 * too many waited) is parsed from its stored bytes.
 *
 * <p>When the callback given to {@code ready} is the very next one to hand on (every earlier entry
 * has been handed on, there is room, and no other thread is handing on), the receiving thread hands
 * it on itself: one thread hand-off fewer on a reply's path (issue 15). Order is kept by a lock and
 * the cursor: only the entry right after the cursor is ever handed on, by whoever holds the lock;
 * anything else — a gap, a full lane, no room — is left to the pump thread as before.
 */
public final class JournalPump {
  private static final Logger log = LoggerFactory.getLogger(JournalPump.class);
  private static final int BATCH = 256;
  private static final long IDLE_WAIT_MS = 50;
  private static final long FULL_WAIT_MS = 5;
  private static final long OUTAGE_WAIT_MS = 500;

  /** Where entries go. */
  public interface Target {
    /**
     * Takes a callback; {@code finished} runs once it is handled, marks its entry finished in the
     * journal, and says whether the journal took the mark (false: the entry will be replayed). False
     * when it cannot be taken now (its conversation's queue is full): the pump offers it again shortly.
     */
    boolean offer(ReceivedCallback callback, long journalId, BooleanSupplier finished);
  }

  private final Supplier<InboxJournal> journal;
  private final IntSupplier otherInFlight;
  private final int maxInFlight;
  private final Runnable onPartitionsMoved;
  private final PumpWakeup wakeup = new PumpWakeup();
  /** Entries handed on and not yet finished: counted against the room, skipped when the journal is read again. */
  private final EntriesInHand inHand;
  /** Callbacks as the receiver parsed them, by journal id, until the pump reaches their entries. */
  private final ConcurrentSkipListMap<Long, ReceivedCallback> parsed = new ConcurrentSkipListMap<>();
  /** Parsed copies kept at most; beyond that entries are parsed from the journal when reached. */
  private final int parsedLimit;
  /** Held by whoever hands entries on (the pump's pass, or a receiving thread): keeps the journal's order. */
  private final ReentrantLock handing = new ReentrantLock();
  /** Runs on every pass of the pump, and at least every {@value #IDLE_WAIT_MS} ms (acknowledgement deadlines). */
  private volatile Runnable everyPass = () -> { };
  private volatile boolean running;
  /** Passes that found nothing to hand on: the journal, as far as this process may read it, is drained. */
  private final AtomicLong emptyPasses = new AtomicLong();
  private Thread thread;
  private long cursor;
  private long generation;
  private boolean storeDown;

  /**
   * @param otherInFlight work on the heap that the pump should count too (sends in flight)
   * @param onPartitionsMoved runs when partitions moved here from another process (what this
   *     process cached of them may be stale)
   */
  public JournalPump(Supplier<InboxJournal> journal, Target target, IntSupplier otherInFlight, int maxInFlight,
      Runnable onPartitionsMoved) {
    this.onPartitionsMoved = onPartitionsMoved;
    this.journal = journal;
    this.inHand = new EntriesInHand(journal, target, wakeup::signal);
    this.otherInFlight = otherInFlight;
    this.maxInFlight = maxInFlight;
    // About what waits between the receiver and the lanes at saturation (the pacer holds the backlog
    // near 2 × maxInFlight, half of it in hand): a burst's backlog beyond that stays in the store only.
    this.parsedLimit = Math.max(64, maxInFlight);
  }

  /**
   * Starts pulling from the first unfinished entry; returns how many were waiting (the replay).
   * The first pass takes over what this process holds (however early a shared journal gave it).
   */
  public long start(String name) {
    return start(name, Long.MIN_VALUE);
  }

  /**
   * Like {@link #start(String)} for a caller that already took over what the journal gave this
   * process up to {@code generationTakenOver}: the pump takes over again only if it moved since.
   */
  public synchronized long start(String name, long generationTakenOver) {
    long waiting = journal.get().backlog();
    handing.lock();
    try {
      cursor = 0;
      generation = generationTakenOver;
    } finally {
      handing.unlock();
    }
    running = true;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
    return waiting;
  }

  /** An entry is durable (its callback may be answered now): wake the pump. */
  public void durable(long id) {
    wakeup.signal();
  }

  /**
   * An entry this process reads may be handed on now — it is durable, or written to a journal whose
   * entries may be handled before their commit ({@link dev.timbot.internal.store.EarlyHandOn}) — with
   * the callback as the receiver parsed it: the pump hands that on when it reaches the entry instead
   * of parsing the stored bytes again. Only for an entry this process will read (a partition it holds).
   */
  public void ready(long id, ReceivedCallback callback) {
    if (parsed.size() >= parsedLimit) {
      durable(id); // too many copies wait: the pump parses this one from the journal when it gets there
      return;
    }
    parsed.put(id, callback);
    if (!handOnHere(id)) {
      durable(id);
    }
  }

  /**
   * Hands the copies from the cursor on on this (receiving) thread when {@code id} is the next entry
   * and nobody else is handing on; true when {@code id} was handed on (or taken by the pump). False
   * leaves it to the pump, which the caller wakes. Never waits: a full lane or no room is the pump's.
   */
  private boolean handOnHere(long id) {
    if (!running || !(journal.get() instanceof ConsecutiveIds) || !handing.tryLock()) {
      return false;
    }
    try {
      if (id <= cursor) {
        parsed.remove(id); // the pump took it from the journal already: a copy left would block this path
        return true;
      }
      if (id != cursor + 1 || journal.get().generation() != generation) {
        return false;
      }
      handOnCopies(room(), false);
      return cursor >= id;
    } catch (RuntimeException e) {
      // The target failed (e.g. the store is away): the copy stays, and the pump offers it again.
      log.debug("journal entry {} left to the pump: {}", id, e.toString());
      return false;
    } finally {
      handing.unlock();
    }
  }

  /** Runs {@code task} on every pass of the pump (at least every {@value #IDLE_WAIT_MS} ms while it runs). */
  public void everyPass(Runnable task) {
    this.everyPass = task;
  }

  /**
   * How many passes over the journal found nothing new to hand on. Two more than an earlier reading
   * mean one whole pass began after it ({@link #wake()} makes it prompt). Not counted while stopped.
   */
  public long emptyPasses() {
    return emptyPasses.get();
  }

  public boolean running() {
    return running;
  }

  /** Makes the pump look at the journal now rather than after its idle wait. */
  public void wake() {
    wakeup.signal();
  }

  /** Parsed copies waiting for the pump to reach their entries (for tests). */
  int parsedCopies() {
    return parsed.size();
  }

  /** Callbacks taken and not yet finished. */
  public int inFlight() {
    return inHand.count();
  }

  /** Stops pulling; what is left stays in the journal for the next start. */
  public void stop() {
    running = false;
    wakeup.signal();
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
    // A receiving thread may be handing on right now (one the host stopped waiting for): once it gives
    // the lock back it sees running false, so nothing is offered after stop() returns.
    try {
      if (handing.tryLock(5, TimeUnit.SECONDS)) {
        handing.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      try {
        runEveryPass();
        boolean progressed;
        handing.lock();
        try {
          progressed = step();
        } finally {
          handing.unlock();
        }
        if (storeDown) {
          storeDown = false;
          log.info("the journal is readable again; handing on what waited");
        }
        if (!progressed) {
          emptyPasses.incrementAndGet();
          pause(IDLE_WAIT_MS);
        }
      } catch (RuntimeException e) {
        // The store is unreachable (a shared store's outage): what is journaled stays there, and
        // this thread keeps trying, so the bot recovers when the store returns.
        if (!storeDown) {
          storeDown = true;
          log.error("the journal cannot be read ({}); callbacks stay journaled, retrying every {} ms",
              e.toString(), OUTAGE_WAIT_MS);
        }
        pause(OUTAGE_WAIT_MS);
      }
    }
  }

  /** One pass, under {@link #handing}: false when there was nothing to hand on. */
  private boolean step() {
    int room = room();
    if (room <= 0) {
      handing.unlock(); // receiving threads find no room either; they need not wait for this pause
      try {
        pauseForRoom();
      } finally {
        handing.lock();
      }
      return true;
    }
    long now = journal.get().generation();
    if (now != generation) {
      // Partitions moved here: their unfinished entries may lie behind the cursor.
      generation = now;
      cursor = 0;
      onPartitionsMoved.run();
    }
    if (!parsed.isEmpty()) {
      // A copy put after the pump had already read its entry (the entry became readable before the
      // receiver's thread got back): not needed, and it would stop handOnCopies' run at the cursor.
      parsed.headMap(cursor, true).clear();
    }
    if (journal.get() instanceof ConsecutiveIds && handOnCopies(room, true)) {
      return true;
    }
    List<InboxJournal.Entry> batch = journal.get().unfinished(cursor, Math.min(BATCH, room));
    if (journal.get().generation() != generation) {
      // Partitions moved here during the read: it may hold their new entries without the older
      // ones behind the cursor. Read again from the start instead.
      return true;
    }
    boolean progressed = false;
    for (InboxJournal.Entry e : batch) {
      if (!running) {
        break;
      }
      if (!inHand.contains(e.id())) {
        handOn(e);
      }
      cursor = e.id();
      progressed = true;
    }
    return progressed;
  }

  /**
   * A journal of this process alone whose ids follow each other: while the copy of the entry right
   * after the cursor is at hand, it is handed on without reading the journal (each copy is put once
   * its entry may be handed on: durable, where an entry is durable only with every earlier one, or
   * written to an {@code EarlyHandOn} journal, which hands out ids in the order it writes them). At
   * a gap — a copy not yet put, or none kept — the journal is read as usual (durable entries only).
   */
  private boolean handOnCopies(int room, boolean waitForRoom) {
    boolean progressed = false;
    for (int left = room; left > 0 && running; left--) {
      Map.Entry<Long, ReceivedCallback> first = parsed.firstEntry();
      if (first == null || first.getKey() != cursor + 1) {
        break;
      }
      long id = first.getKey();
      if (!inHand.contains(id) && !inHand.offer(id, first.getValue())) {
        if (!waitForRoom) {
          break; // its lane is full: the pump offers it again (the copy stays)
        }
        handOn(id, first.getValue()); // the pump waits for room (not taken when stopping: stays in the journal)
      }
      parsed.remove(id);
      cursor = id;
      progressed = true;
    }
    return progressed;
  }

  private void handOn(InboxJournal.Entry e) {
    ReceivedCallback callback = parsed.remove(e.id());
    try {
      if (callback == null) {
        callback = JournaledCallback.decode(e.payload()).parse();
      }
    } catch (CallbackRejected | IllegalArgumentException ex) {
      log.error("journal entry {} cannot be parsed and is dropped: {}", e.id(), ex.getMessage());
      journal.get().finish(e.id());
      return;
    }
    handOn(e.id(), callback);
  }

  private void handOn(long id, ReceivedCallback callback) {
    while (running && !inHand.offer(id, callback)) {
      pauseForRoom();
    }
    // Not taken when stopping: it stays in the journal for the next start.
  }

  /** Messages (and sends) on the heap still allowed. */
  private int room() {
    return maxInFlight - inHand.count() - otherInFlight.getAsInt();
  }

  /** Waits a little for room (an entry finished, a lane took one); woken early by an entry finishing. */
  private void pauseForRoom() {
    inHand.waitingForRoom(true);
    try {
      pause(FULL_WAIT_MS);
    } finally {
      inHand.waitingForRoom(false);
    }
  }

  /** The task given to {@link #everyPass}; what it throws is logged, never the end of this thread. */
  private void runEveryPass() {
    try {
      everyPass.run();
    } catch (RuntimeException e) {
      log.warn("a task run on every pass of the journal pump failed", e);
    }
  }

  private void pause(long ms) {
    runEveryPass();
    if (!wakeup.pause(ms)) {
      running = false; // interrupted: the host is going away
    }
  }
}
