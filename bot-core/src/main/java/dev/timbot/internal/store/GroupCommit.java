package dev.timbot.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the embedded store: writers change the maps directly and ask for a flush; one
 * thread commits and fsyncs everything written so far, then completes every flush requested
 * before the commit began. Concurrent callbacks therefore share one fsync. Without requests it
 * still commits unsaved changes every {@code lazyMillis} (finish marks, state), and runs {@code
 * housekeeping} about once a second.
 *
 * <p>Two kinds of waiters: {@link #flush()} completes on the commit thread (for a caller that only
 * wakes up, such as a receiver thread waiting to acknowledge), {@link #flushThenContinue()} on a
 * second thread, so that work chained to it (an outbox record's send: the interceptors, the request
 * body, the HTTP call) runs beside the next commit and its fsync instead of in front of them.
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
  private List<CompletableFuture<Void>> continuing = new ArrayList<>();
  /** Completes {@link #flushThenContinue()} futures, one commit's batch at a time, in commit order. */
  private final ExecutorService continuations;
  private boolean closing;
  private long requests;

  GroupCommit(Durable target, long lazyMillis, Runnable housekeeping, String name) {
    this.target = target;
    this.lazyMillis = lazyMillis;
    this.housekeeping = housekeeping;
    this.continuations = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name + "-continue");
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Completes once everything written before this call is on disk. */
  CompletableFuture<Void> flush() {
    return request(false);
  }

  /**
   * Like {@link #flush()}, but completes on the continuation thread: what depends on the future
   * does not hold up the next commit.
   */
  CompletableFuture<Void> flushThenContinue() {
    return request(true);
  }

  /** Flushes asked for so far (both kinds): what a message costs in forced commits. */
  long requests() {
    synchronized (lock) {
      return requests;
    }
  }

  private CompletableFuture<Void> request(boolean elsewhere) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (lock) {
      requests++;
      if (closing) {
        f.completeExceptionally(new IllegalStateException("the store is closed"));
        return f;
      }
      (elsewhere ? continuing : waiting).add(f);
      lock.notifyAll();
    }
    return f;
  }

  private void run() {
    long lastHousekeeping = System.nanoTime();
    while (true) {
      List<CompletableFuture<Void>> batch;
      List<CompletableFuture<Void>> then;
      boolean stop;
      synchronized (lock) {
        if (waiting.isEmpty() && continuing.isEmpty() && !closing) {
          try {
            lock.wait(lazyMillis);
          } catch (InterruptedException e) {
            closing = true;
          }
        }
        batch = waiting;
        waiting = new ArrayList<>();
        then = continuing;
        continuing = new ArrayList<>();
        stop = closing;
      }
      try {
        if (!batch.isEmpty() || !then.isEmpty() || target.hasUnsavedChanges()) {
          target.commitAndSync();
        }
        batch.forEach(f -> f.complete(null));
        if (!then.isEmpty()) {
          elsewhere(() -> then.forEach(f -> f.complete(null)));
        }
      } catch (RuntimeException e) {
        log.error("the store could not write to disk", e);
        batch.forEach(f -> f.completeExceptionally(e));
        if (!then.isEmpty()) {
          elsewhere(() -> then.forEach(f -> f.completeExceptionally(e)));
        }
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

  private void elsewhere(Runnable completions) {
    try {
      continuations.execute(completions);
    } catch (RejectedExecutionException e) {
      completions.run(); // closed while this thread still committed (a close that gave up waiting)
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
      // The last batches' continuations still run (their sends were durable); then the thread ends.
      continuations.shutdown();
      continuations.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
