package dev.timbot.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the embedded store: writers change the maps directly (each change also appended
 * to the store's {@link RedoLog}) and ask for a flush; one thread writes and fsyncs everything written so far, then completes every flush requested
 * before the commit began. Concurrent callbacks therefore share one fsync. Without requests it
 * still commits unsaved changes every {@code lazyMillis} (finish marks, state), and runs {@code
 * housekeeping} about once a second. With {@link Fsync#EVERYSEC} a commit is only written before
 * its flushes complete, and an {@link IntervalFsync} forces the file to disk once a second.
 *
 * <p><b>Staged writes.</b> H2 MVStore takes the roots of its maps one after another when it commits
 * (at the embedded store's checkpoint, on a thread of its own, {@link EmbeddedStore}), so one commit
 * is a consistent cut of each map but not across maps: a write to one map may be committed while an
 * earlier write to another is not, and the log may not hold that earlier write yet. Writes that
 * must never be durable before a journal entry written earlier — what handling that entry writes
 * (dedupe claims, outbox records) — are therefore {@link Staged}: kept beside their map, appended
 * to the log by this thread right before a commit's write (after everything written before them),
 * and put into their map after that write, before the commit's flushes complete — or, for the
 * outbox's, held beside its map from then until the next checkpoint's switch of log segments, which
 * comes after that write too ({@link WriteBehindMap}). A checkpoint can then hold one only once the
 * log holds it and everything it depends on.
 *
 * <p><b>Fail-stop.</b> A commit that fails (the disk refused a write or an fsync) stops the store:
 * it is halted, that batch and every later flush fail at once, and nothing written afterwards can
 * reach the file. After a failed fsync the kernel may already have dropped the pages it could not
 * write, so a later "successful" commit would not prove what it seems to; a restart recovers from
 * the last good commit, and every callback not acknowledged meanwhile is delivered again.
 *
 * <p><b>Lingering.</b> A flush may say it can wait a little ({@link #flushWithin}): an entry the
 * journal hands on before its commit, whose reply's record is usually staged within a fraction of
 * a millisecond. On an idle commit thread an immediate commit would hold the entry alone, and the
 * record would need a second commit — two fsyncs in series on the reply's path. So the commit waits
 * until an immediate flush arrives (the record's), the entry is finished without one ({@link #hurry}),
 * or the earliest lingering flush's time is up. Only an idle thread lingers: what was asked for while
 * a commit ran is committed right after it, as without lingering (unless the commit is paced, below).
 *
 * <p><b>Watching after a commit.</b> A lingering flush must wake a thread asleep past its time. After a
 * commit that completed flushes, while lingering flushes come closer together than their linger, the
 * thread first sleeps no longer than the latest linger asked for, and only then for the idle wait: the
 * next entry's lingering flush finds it due to wake up before that entry's time, and need not wake it
 * (at 2 000 msg/s the commit thread was woken 3–4 times per message; issue 15, BENCHMARKS §8v). At
 * lower rates the watch would end with nothing come and cost a wake-up of its own (review22), so it
 * is not kept.
 *
 * <p><b>Pacing at saturation.</b> After a commit of many flushes ({@link CommitPacing}: 12 or more — a busy
 * bot's batch, or the one after a burst or a pause at a moderate rate), the next commit starts no sooner
 * than 2 ms after that one began (in effect 2–3 ms: a monitor's timed wait rounds up to whole
 * milliseconds), unless 64 flushes wait by then; the flushes asked for meanwhile wake the thread only once
 * that many wait. Each forced append has a fixed cost, and at saturation fewer, larger commits leave that
 * CPU to the messages. Work between two commits ({@link #beforeNextCommit}) and closing are not held
 * back. Only when every commit is forced ({@link Fsync#ALWAYS}): with the once-a-second fsync a commit is a
 * plain write, and pacing was not measured there.
 *
 * <p>The futures complete on this thread, and what is chained to an outbox record (its send: the
 * interceptors, the request body, the HTTP call) runs here before the next commit. Handing that to
 * a second thread was measured (issue 15, BENCHMARKS §8f): the commit thread then committed 2.3×
 * as often with smaller batches (275 vs 117 fsyncs/s at 2 000 msg/s), and callback→reply p50 at
 * 2 000 msg/s rose from 14–28 ms to 120–475 ms on this two-core box. The work in front of the next
 * commit is what batches the journal appends that arrive meanwhile.
 */
final class GroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  /** The store as this thread sees it; each method throws when the disk refuses. */
  interface Durable {
    /** Writes everything changed as a new version of the file (the OS holds it: a killed process loses nothing). */
    void commit();

    /** Forces what was written to the disk (a power cut loses nothing). */
    void sync();

    boolean hasUnsavedChanges();

    /** Stops all writing after a failed commit (the store closes without writing anything more). */
    void halt();
  }

  /**
   * Writes kept beside a map until this thread commits them: logged before the commit's write,
   * put into the map after it ({@link LoggedMap}, staged writes), read from beside the map meanwhile.
   */
  interface Staged {
    /**
     * Appends what is staged (if anything) to the log and holds it until {@link #apply} (or, in a
     * {@link WriteBehindMap}, until the next checkpoint); commit thread only.
     */
    void log();

    /**
     * Puts what {@link #log} took into its map (or removes it); commit thread only, once the commit is
     * written. Nothing to do for writes held until the next checkpoint ({@link WriteBehindMap}).
     */
    default void apply() {}
  }

  private final Durable target;
  private final long lazyMillis;
  private final Runnable housekeeping;
  private final List<Staged> staged = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Thread thread;
  /** The once-a-second fsync, or null when every commit is forced before its flushes complete. */
  private final IntervalFsync intervalFsync;
  private List<CompletableFuture<Void>> waiting = new ArrayList<>();
  /** Work for this thread between two commits ({@link #beforeNextCommit}). */
  private List<Between> between = new ArrayList<>();

  /** An action for the commit thread and the future it completes. */
  private record Between(Runnable action, CompletableFuture<Void> done) {
    void run() {
      try {
        action.run();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
        throw e;
      }
    }
  }
  /** A flush in {@link #waiting} wants its commit now. */
  private boolean urgent;
  /** When the earliest lingering flush in {@link #waiting} must be committed ({@code System.nanoTime()}). */
  private long lingerUntil = Long.MAX_VALUE;
  /** This thread waits (for work or a lingering flush's time) until {@link #sleepingUntil}. */
  private boolean asleep;
  /** When this thread's current wait ends: it is woken only for an earlier deadline. */
  private long sleepingUntil;
  /** The latest linger asked for: how long the thread first sleeps after a commit ("Watching after a commit"). */
  private long recentLingerNanos;
  private final CommitPacing pacing;
  /** This thread holds its next commit back ("Pacing at saturation"): flushes do not wake it until enough wait. */
  private boolean heldBack;
  /** The flushes the latest commit completed, and when it began ({@code System.nanoTime()}); commit thread only. */
  private int lastBatch;
  private long lastCommitStart;
  /** When the latest lingering flush was asked for. */
  private long lastLingerAt;
  /** Whether the latest lingering flush came within its linger of the one before it. */
  private boolean lingersClose;
  private boolean closing;
  private Throwable failed;
  private long requests;
  /** Wake-ups asked of a sleeping commit thread (tests: a lingering flush after a commit needs none). */
  private long wakeUps;

  /** Every commit forced to disk before its flushes complete ({@link Fsync#ALWAYS}). */
  GroupCommit(Durable target, long lazyMillis, Runnable housekeeping, String name) {
    this(target, lazyMillis, 0, housekeeping, name);
  }

  /**
   * @param fsyncEveryMillis 0: every commit forced to disk before its flushes complete; else commits
   *     only written, and forced by a thread of their own this often
   */
  GroupCommit(Durable target, long lazyMillis, long fsyncEveryMillis, Runnable housekeeping, String name) {
    this(target, lazyMillis, fsyncEveryMillis, fsyncEveryMillis > 0 ? CommitPacing.NEVER : CommitPacing.SATURATION,
        housekeeping, name);
  }

  /** With other pacing (tests). */
  GroupCommit(Durable target, long lazyMillis, long fsyncEveryMillis, CommitPacing pacing, Runnable housekeeping,
      String name) {
    this.target = target;
    this.pacing = pacing;
    this.lazyMillis = lazyMillis;
    this.housekeeping = housekeeping;
    this.intervalFsync = fsyncEveryMillis > 0 ? new IntervalFsync(target, fsyncEveryMillis, name + "-fsync") : null;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Registers writes this thread puts into their map before every commit. */
  void stage(Staged writes) {
    staged.add(writes);
  }

  /**
   * Completes once everything written (or staged) before this call is on disk; commits as soon as it can
   * (after a large batch, once the pacing gap is over: "Pacing at saturation").
   */
  CompletableFuture<Void> flush() {
    return flushWithin(0);
  }

  /**
   * Like {@link #flush()}, but its commit may wait up to {@code lingerNanos} for an immediate flush to
   * share it ("Lingering" above); 0 is {@link #flush()}.
   */
  CompletableFuture<Void> flushWithin(long lingerNanos) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (lock) {
      requests++;
      if (failed != null) {
        f.completeExceptionally(new IllegalStateException("the store stopped after a failed write to disk ("
            + failed.getMessage() + "); restart the bot", failed));
        return f;
      }
      if (closing) {
        f.completeExceptionally(new IllegalStateException("the store is closed"));
        return f;
      }
      waiting.add(f);
      if (lingerNanos <= 0) {
        urgent = true;
        if (!heldBack || enoughToEndHold()) {
          wake();
        }
      } else {
        long now = System.nanoTime();
        long deadline = now + lingerNanos;
        lingerUntil = Math.min(lingerUntil, deadline);
        recentLingerNanos = lingerNanos;
        lingersClose = lastLingerAt != 0 && now - lastLingerAt < lingerNanos;
        lastLingerAt = now;
        if (asleep && deadline - sleepingUntil < 0 || heldBack && enoughToEndHold()) {
          wake(); // asleep past this deadline (the idle wait): to wait for it instead; or held back, and enough wait
        }
      }
    }
    return f;
  }

  /**
   * The flushes lingering now need not wait for their time: what they wait for will not come (the
   * entry was handled without a reply to record). Commits them as soon as it can.
   */
  void hurry() {
    synchronized (lock) {
      if (!urgent && !waiting.isEmpty()) {
        urgent = true;
        if (!heldBack) {
          wake(); // held back, the thread commits at the gap's end anyway
        }
      }
    }
  }

  /**
   * Runs {@code action} on this thread before its next commit begins (waking it if idle): the
   * checkpoint's switch of log segments. Completes when it ran, exceptionally if it threw or the
   * store stopped.
   */
  CompletableFuture<Void> beforeNextCommit(Runnable action) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (lock) {
      if (failed != null || closing) {
        f.completeExceptionally(new IllegalStateException("the store stopped"));
        return f;
      }
      between.add(new Between(action, f));
      urgent = true;
      wake();
    }
    return f;
  }

  /** Flushes asked for so far: what a message costs in forced commits (tests). */
  long requests() {
    synchronized (lock) {
      return requests;
    }
  }

  /** Under the lock: enough flushes wait to start a held-back commit at once ("Pacing at saturation"). */
  private boolean enoughToEndHold() {
    return pacing.enough(waiting.size());
  }

  /** Whether the commit thread holds its next commit back now ("Pacing at saturation"; tests). */
  boolean heldBack() {
    synchronized (lock) {
      return heldBack;
    }
  }

  /** Wake-ups asked of the commit thread so far (tests). */
  long wakeUps() {
    synchronized (lock) {
      return wakeUps;
    }
  }

  /** Under the lock. */
  private void wake() {
    if (asleep) {
      wakeUps++;
    }
    lock.notifyAll();
  }

  private void run() {
    long lastHousekeeping = System.nanoTime();
    boolean watch = false;
    while (true) {
      List<CompletableFuture<Void>> batch;
      List<Between> first;
      boolean stop;
      synchronized (lock) {
        awaitWork(watch);
        pace();
        batch = waiting;
        waiting = new ArrayList<>();
        first = between.isEmpty() ? List.of() : between;
        if (!between.isEmpty()) {
          between = new ArrayList<>();
        }
        urgent = false;
        lingerUntil = Long.MAX_VALUE;
        stop = closing;
      }
      lastCommitStart = System.nanoTime();
      lastBatch = batch.size();
      if (!commit(first, batch) || stop) {
        return;
      }
      watch = !batch.isEmpty();
      if (System.nanoTime() - lastHousekeeping > 1_000_000_000L) {
        lastHousekeeping = System.nanoTime();
        try {
          housekeeping.run();
        } catch (RuntimeException e) {
          log.warn("store housekeeping failed", e);
        }
      }
    }
  }

  /**
   * Under the lock: returns when a commit is due — an immediate flush waits, the earliest lingering
   * one's time is up, the store closes, or {@code lazyMillis} passed (to commit unsaved changes).
   * After a commit that completed flushes ({@code watch}), while lingering flushes come closer together
   * than their linger, it first sleeps no longer than the latest linger ("Watching after a commit").
   */
  private void awaitWork(boolean watch) {
    if (!waiting.isEmpty()) {
      // Asked for while the last commit ran: busy, so none of it lingers. A lingering entry's commit
      // waiting here for records that CPU-starved handlers are slow to stage delayed acknowledgements
      // at saturation (wrk's closed loop then offered less: 7 016 against 8 910 replies/s, BENCHMARKS §8p).
      return;
    }
    long start = System.nanoTime();
    long idleEnd = start + TimeUnit.MILLISECONDS.toNanos(lazyMillis);
    long watchEnd = watch && lingersClose && recentLingerNanos < idleEnd - start ? start + recentLingerNanos : idleEnd;
    while (!urgent && !closing) {
      long end = waiting.isEmpty() ? watchEnd : idleEnd - lingerUntil < 0 ? idleEnd : lingerUntil;
      long left = end - System.nanoTime();
      if (left <= 0) {
        if (waiting.isEmpty() && watchEnd != idleEnd) {
          watchEnd = idleEnd; // nothing came while it watched: the idle wait
          continue;
        }
        return;
      }
      asleep = true;
      sleepingUntil = end;
      try {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      } catch (InterruptedException e) {
        closing = true;
      } finally {
        asleep = false;
      }
    }
  }

  /**
   * Under the lock, once a commit is due: after a large batch, waits until the pacing gap since that
   * commit began is over, enough flushes wait, work between commits is asked for, or the store closes
   * ("Pacing at saturation").
   */
  private void pace() {
    if (!pacing.paces(lastBatch)) {
      return;
    }
    long until = lastCommitStart + pacing.gapNanos();
    heldBack = true;
    try {
      while (!closing && between.isEmpty() && !enoughToEndHold()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    } catch (InterruptedException e) {
      closing = true;
    } finally {
      heldBack = false;
    }
  }

  /** Runs {@code first}, then commits what is written and staged, completing {@code batch}; false once the store stopped. */
  private boolean commit(List<Between> first, List<CompletableFuture<Void>> batch) {
    try {
      first.forEach(Between::run);
      Throwable fsyncFailed = intervalFsync == null ? null : intervalFsync.failure();
      if (fsyncFailed != null) {
        throw new IllegalStateException("forcing the store's file to disk failed: " + fsyncFailed.getMessage(), fsyncFailed);
      }
      staged.forEach(Staged::log); // what they log shows as unsaved changes
      if (!batch.isEmpty() || target.hasUnsavedChanges()) {
        target.commit();
        if (intervalFsync == null) {
          target.sync();
        } else {
          intervalFsync.noteCommit();
        }
      }
      staged.forEach(Staged::apply); // before the flushes complete: what waited for them reads the maps
      batch.forEach(f -> f.complete(null));
      return true;
    } catch (RuntimeException | Error e) {
      // An Error too (out of memory mid-commit): a commit thread that died would leave every flush waiting.
      log.error("the store could not write to disk and stops: callbacks are refused until the bot is restarted, "
          + "which recovers everything acknowledged so far", e);
      List<Between> unrun = new ArrayList<>(first);
      synchronized (lock) {
        failed = e;
        waiting.forEach(batch::add);
        waiting = new ArrayList<>();
        unrun.addAll(between);
        between = new ArrayList<>();
      }
      unrun.forEach(b -> b.done().completeExceptionally(e)); // no-ops for those that ran
      try {
        target.halt();
      } catch (RuntimeException | Error again) {
        e.addSuppressed(again);
      }
      batch.forEach(f -> f.completeExceptionally(e));
      return false;
    }
  }

  /** Commits what is left and stops the thread. */
  @Override
  public void close() {
    synchronized (lock) {
      closing = true;
      lock.notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (intervalFsync != null) {
      boolean clean;
      synchronized (lock) {
        clean = failed == null && !thread.isAlive();
      }
      intervalFsync.stop(clean);
      Throwable unforced = intervalFsync.failure();
      if (clean && unforced != null) {
        // Not seen by the commit thread (it had stopped): the last fsync at the stop, or one just before it.
        log.error("forcing the store's file to disk failed as the store stopped: what was committed in the last "
            + "second may be lost if the machine loses power before the kernel writes it", unforced);
      }
    }
  }
}
