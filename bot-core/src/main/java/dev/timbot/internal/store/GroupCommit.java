package dev.timbot.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the embedded store: writers change the maps directly and ask for a flush; one
 * thread commits and fsyncs everything written so far, then completes every flush requested
 * before the commit began. Concurrent callbacks therefore share one fsync. Without requests it
 * still commits unsaved changes every {@code lazyMillis} (finish marks, state), and runs {@code
 * housekeeping} about once a second.
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

  /** Commits and forces to disk; throws when the disk refuses. */
  interface Durable {
    void commitAndSync();

    boolean hasUnsavedChanges();
  }

  private final Durable target;
  private final long lazyMillis;
  private final Runnable housekeeping;
  private final Object lock = new Object();
  private final Thread thread;
  private List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private boolean closing;
  private long requests;

  GroupCommit(Durable target, long lazyMillis, Runnable housekeeping, String name) {
    this.target = target;
    this.lazyMillis = lazyMillis;
    this.housekeeping = housekeeping;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Completes once everything written before this call is on disk. */
  CompletableFuture<Void> flush() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (lock) {
      requests++;
      if (closing) {
        f.completeExceptionally(new IllegalStateException("the store is closed"));
        return f;
      }
      waiting.add(f);
      lock.notifyAll();
    }
    return f;
  }

  /** Flushes asked for so far: what a message costs in forced commits (tests). */
  long requests() {
    synchronized (lock) {
      return requests;
    }
  }

  private void run() {
    long lastHousekeeping = System.nanoTime();
    while (true) {
      List<CompletableFuture<Void>> batch;
      boolean stop;
      synchronized (lock) {
        if (waiting.isEmpty() && !closing) {
          try {
            lock.wait(lazyMillis);
          } catch (InterruptedException e) {
            closing = true;
          }
        }
        batch = waiting;
        waiting = new ArrayList<>();
        stop = closing;
      }
      try {
        if (!batch.isEmpty() || target.hasUnsavedChanges()) {
          target.commitAndSync();
        }
        batch.forEach(f -> f.complete(null));
      } catch (RuntimeException e) {
        log.error("the store could not write to disk", e);
        batch.forEach(f -> f.completeExceptionally(e));
      }
      if (stop) {
        return;
      }
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
  }
}
