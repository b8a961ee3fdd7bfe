package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desk shared by several processes through the store's {@link Store.KeyedState} contracts
 * only (Redis, or anything else that keeps {@code replace} atomic across processes).
 *
 * <ul>
 *   <li>Every change runs under a lease lock ({@value #LOCK}: {@code replace(lock, null, token,
 *       lease)} to take, {@code replace(lock, token, null)} to give back), so one process at a
 *       time changes the desk, and a dead holder's lease ends by itself.
 *   <li>Under the lock, when the stored {@value #REVISION} differs from the revision of the state
 *       this process holds, the model is replaced by the stored state (and its timers armed).
 *       After the change, when the state differs, the revision is raised and then the state
 *       written — in that order, so a crash between the two only makes the others read the old
 *       state once more — and both are flushed before the lock is given back.
 *   <li>Before writing, the lease is renewed by compare-and-set: a process that lost it (paused
 *       past the lease) writes nothing and reads the state again next time.
 *   <li>Reads and a poll every {@link #POLL} refresh without the lock, so an idle process arms
 *       the timers of sessions others opened; every process arms them, the first to fire takes the
 *       lock and acts, the others find it done. A timer never waits for the lock: it tries again
 *       after {@link #RETRY}.
 * </ul>
 */
final class ClusterSync implements DeskSync {
  private static final Logger log = LoggerFactory.getLogger(ClusterSync.class);
  static final String LOCK = "lock";
  static final String REVISION = "revision";
  /** How long a process may hold the desk; changes take milliseconds. */
  static final Duration LEASE = Duration.ofSeconds(5);
  /** How long a change waits for the lock before it fails (a stuck holder's lease has ended by then). */
  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration POLL = Duration.ofSeconds(2);
  static final Duration RETRY = Duration.ofMillis(200);
  private static final long UNKNOWN = -1;
  private static final DeskState EMPTY = new DeskState(null, null, null, null, null, 0);

  private final Object monitor;
  private final KeyedStateDeskStore store;
  private final String instance;
  private final BotClock clock;
  private final MeterRegistry meters;
  private final Supplier<DeskState> snapshot;
  private final Consumer<DeskState> apply;
  private final AtomicLong takes = new AtomicLong();
  // guarded by monitor
  private long known = UNKNOWN;
  private long storedSeen;
  private DeskState lastWritten;
  private BotClock.Timer poll;
  private boolean stopped;
  private boolean pollFailing;

  /**
   * @param monitor the desk's local lock
   * @param instance this process, in the lock's value (for operators reading the store)
   * @param snapshot the model as a state (called under {@code monitor})
   * @param apply replaces the model with a state (called under {@code monitor})
   */
  ClusterSync(Object monitor, KeyedStateDeskStore store, String instance, BotClock clock, MeterRegistry meters,
      Supplier<DeskState> snapshot, Consumer<DeskState> apply) {
    this.monitor = monitor;
    this.store = store;
    this.instance = instance;
    this.clock = clock;
    this.meters = meters;
    this.snapshot = snapshot;
    this.apply = apply;
  }

  @Override
  public <T> T write(Supplier<T> op) {
    byte[] token = take(true);
    try {
      synchronized (monitor) {
        return underLock(op, token);
      }
    } finally {
      giveBack(token);
    }
  }

  @Override
  public <T> T read(Supplier<T> op) {
    synchronized (monitor) {
      try {
        refresh();
      } catch (RuntimeException e) {
        log.warn("desk: could not read the shared state ({}); answering from this process's copy", e.toString());
      }
      return op.get();
    }
  }

  @Override
  public boolean fire(Runnable op) {
    byte[] token = take(false);
    if (token == null) {
      return false;
    }
    try {
      synchronized (monitor) {
        underLock(() -> {
          op.run();
          return null;
        }, token);
      }
    } finally {
      giveBack(token);
    }
    return true;
  }

  @Override
  public void start() {
    synchronized (monitor) {
      refresh();
      log.info("desk shared through the store as {} (revision {})", instance, known);
      schedulePoll();
    }
  }

  @Override
  public void stop() {
    synchronized (monitor) {
      stopped = true;
      if (poll != null) {
        poll.cancel();
      }
    }
  }

  private <T> T underLock(Supplier<T> op, byte[] token) {
    refresh();
    T result;
    try {
      result = op.get();
    } catch (RuntimeException e) {
      known = UNKNOWN; // the model may be half changed: read the stored state again next time
      throw e;
    }
    commit(token);
    return result;
  }

  /** Replaces the model with the stored state when this process's copy is not the newest. */
  private void refresh() {
    long stored = storedRevision();
    storedSeen = stored;
    if (known != UNKNOWN && stored == known) {
      return;
    }
    DeskState state = store.loadState().orElse(EMPTY);
    apply.accept(state);
    // The state's own revision, not the key's: the key is raised before the state is written,
    // so a reader between the two must read again later.
    known = state.revision();
    lastWritten = state;
    meters.counter("timbot.service.cluster.reloads").increment();
  }

  private void commit(byte[] token) {
    DeskState now = snapshot.get();
    if (lastWritten != null && now.equals(lastWritten.withRevision(0))) {
      return;
    }
    if (!store.keySpace().replace(LOCK, token, token, LEASE)) {
      known = UNKNOWN;
      meters.counter("timbot.service.cluster.lease.lost").increment();
      log.error("desk: the lock's lease ({}) ended before this change was written (a long pause?); "
          + "the change is not saved, and the shared state is read again", LEASE);
      return;
    }
    long next = Math.max(storedSeen, known) + 1;
    Store.KeyedState kv = store.keySpace();
    kv.put(REVISION, Long.toString(next).getBytes(StandardCharsets.US_ASCII), null);
    DeskState written = now.withRevision(next);
    store.saveState(written);
    awaitDurable(kv);
    known = next;
    storedSeen = next;
    lastWritten = written;
  }

  private long storedRevision() {
    Optional<byte[]> bytes = store.keySpace().get(REVISION);
    if (bytes.isEmpty()) {
      return 0;
    }
    String text = new String(bytes.get(), StandardCharsets.US_ASCII).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("the desk's revision in the store (service/" + REVISION + ") is not a number", e);
    }
  }

  private static void awaitDurable(Store.KeyedState kv) {
    try {
      kv.flush().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the desk state was written", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the store did not confirm the desk state: " + e, e);
    }
  }

  /**
   * Takes the lock; {@code wait}: until it is free (at most {@link #WAIT}), else one attempt.
   * Returns the token to give back, or null when not waiting and the lock is held.
   */
  private byte[] take(boolean wait) {
    byte[] token = (instance + "#" + takes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    Store.KeyedState kv = store.keySpace();
    long deadline = System.nanoTime() + WAIT.toNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(1);
    while (!kv.replace(LOCK, null, token, LEASE)) {
      if (!wait) {
        return null;
      }
      if (System.nanoTime() - deadline > 0) {
        String holder = kv.get(LOCK).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("nobody now");
        throw new IllegalStateException("the service desk stayed locked for " + WAIT + " (service/" + LOCK
            + " held by " + holder + "); is another instance stuck?");
      }
      LockSupport.parkNanos(pause); // real time: the lock is held by another thread or process
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(20));
    }
    return token;
  }

  private void giveBack(byte[] token) {
    try {
      if (!store.keySpace().replace(LOCK, token, null, null)) {
        log.warn("desk: the lock's lease ({}) had ended before it was given back", LEASE);
      }
    } catch (RuntimeException e) {
      log.warn("desk: could not give the lock back (it ends with its lease, {}): {}", LEASE, e.toString());
    }
  }

  private void schedulePoll() {
    poll = clock.schedule(POLL, this::poll);
  }

  private void poll() {
    synchronized (monitor) {
      if (stopped) {
        return;
      }
      try {
        refresh();
        if (pollFailing) {
          log.info("desk: the shared state is readable again");
          pollFailing = false;
        }
      } catch (RuntimeException e) {
        if (!pollFailing) {
          log.warn("desk: could not read the shared state ({}); trying every {}", e.toString(), POLL);
          pollFailing = true;
        }
      }
      schedulePoll();
    }
  }
}
