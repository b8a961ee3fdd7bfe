package dev.timbot.internal.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread that forces the store's log to disk every {@code intervalMillis} when commits do not
 * ({@link Fsync#EVERYSEC}): only when something was committed since its last pass. A failed fsync
 * is kept for the commit thread, which stops the store on its next pass ({@link GroupCommit},
 * "Fail-stop"): after a failed fsync the kernel may have dropped pages it could not write.
 *
 * <p>It runs beside the commit thread: forcing the log while the next commit writes to it is safe
 * ({@link RedoLog} forces under the lock that guards a segment's channel while a checkpoint replaces it).
 */
final class IntervalFsync {
  private final GroupCommit.Durable target;
  /** Commits written so far (the commit thread counts them), against {@link #synced}. */
  private final AtomicLong written = new AtomicLong();
  private final IntervalThread thread;
  private long synced;
  private volatile Throwable failure;

  IntervalFsync(GroupCommit.Durable target, long intervalMillis, String name) {
    this.target = target;
    this.thread = new IntervalThread(name, intervalMillis, this::syncIfWritten);
  }

  /** Notes a commit written (by the commit thread): the next pass forces it. */
  void noteCommit() {
    written.incrementAndGet();
  }

  /** The failure of the last fsync tried, if it failed. */
  Throwable failure() {
    return failure;
  }

  /** Forces the file if a commit was written since the last time; false once an fsync failed. */
  private synchronized boolean syncIfWritten() {
    long now = written.get();
    if (now == synced) {
      return true;
    }
    try {
      target.sync();
      synced = now;
      return true;
    } catch (RuntimeException | Error e) {
      failure = e;
      return false;
    }
  }

  /**
   * Stops the thread, then — with {@code forceLast}, after the last commit of a store that did not
   * fail — forces what was written since its last pass: a clean stop leaves nothing only written.
   */
  void stop(boolean forceLast) {
    thread.stop(10_000);
    if (forceLast && failure == null) {
      syncIfWritten();
    }
  }
}
