package dev.timbot.internal.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-key FIFO lanes on a bounded thread pool: jobs with the same key (a conversation) run one at
 * a time in submission order; different keys run in parallel. A lane holds at most {@code
 * capacity} waiting jobs; {@link #submit} refuses more and the caller reports it.
 *
 * <p>A job signals completion through its {@code done} future rather than by returning, so a
 * watchdog can complete it early when a handler overruns its timeout and the lane moves on while
 * the stuck thread is interrupted.
 */
public final class LaneExecutor {
  private static final Logger log = LoggerFactory.getLogger(LaneExecutor.class);

  /** A unit of work in a lane; it must complete {@code done} (or have it completed for it). */
  @FunctionalInterface
  public interface Job {
    void run(CompletableFuture<Void> done) throws Exception;
  }

  private final ExecutorService pool;
  private final int capacity;
  private final int maxPending;
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Object idleLock = new Object();
  private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();

  /**
   * @param capacity waiting jobs per lane
   * @param maxPending queued or running jobs across all lanes (bounds memory when many
   *     conversations are busy at once)
   */
  public LaneExecutor(int threads, int capacity, int maxPending, String threadPrefix) {
    this.capacity = capacity;
    this.maxPending = maxPending;
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor tpe =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, threadPrefix + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    tpe.allowCoreThreadTimeOut(true);
    this.pool = tpe;
  }

  /** Queues {@code job} on lane {@code key}; false when that lane or the executor is full (nothing was queued). */
  public boolean submit(String key, Job job) {
    return enqueue(key, job, true);
  }

  /**
   * Queues the runtime's own work for a conversation (an {@code ask} timeout) past the capacity
   * limits: it must run in the lane, in order with the conversation's handlers, and never be lost.
   */
  public void submitInternal(String key, Job job) {
    enqueue(key, job, false);
  }

  private boolean enqueue(String key, Job job, boolean bounded) {
    while (true) {
      Lane lane = lanes.computeIfAbsent(key, Lane::new);
      synchronized (lane) {
        if (lane.retired) {
          continue; // the lane emptied and was removed between lookup and lock: make a new one
        }
        if (bounded && (lane.queue.size() >= capacity || pending.get() >= maxPending)) {
          return false;
        }
        lane.queue.add(job);
        pending.incrementAndGet();
        if (!lane.running) {
          lane.running = true;
          schedule(lane);
        }
        return true;
      }
    }
  }

  private void schedule(Lane lane) {
    try {
      pool.execute(() -> runNext(lane));
    } catch (RejectedExecutionException e) {
      // Shut down: whatever is still queued will not run.
      synchronized (lane) {
        int dropped = lane.queue.size();
        lane.queue.clear();
        retire(lane);
        for (int i = 0; i < dropped; i++) {
          finished();
        }
        if (dropped > 0) {
          log.warn("lane {}: {} queued jobs not run, the executor is shut down", lane.key, dropped);
        }
      }
    }
  }

  private void runNext(Lane lane) {
    Job job;
    synchronized (lane) {
      job = lane.queue.poll();
      if (job == null) {
        retire(lane);
        return;
      }
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    done.whenComplete(
        (v, e) -> {
          finished();
          next(lane);
        });
    try {
      job.run(done);
    } catch (Throwable t) {
      log.error("lane {}: job failed", lane.key, t);
      done.complete(null);
    }
  }

  /**
   * After a job: the lane's next job on a pool thread, or — when none waits, the usual case — the lane
   * retired right here. Scheduling a task only to find the queue empty cost every message a second
   * wake-up of a lane thread (issue 15).
   */
  private void next(Lane lane) {
    synchronized (lane) {
      if (lane.queue.isEmpty()) {
        retire(lane);
        return;
      }
    }
    schedule(lane);
  }

  /** Under the lane's lock: nothing waits, the next job makes a new lane. */
  private void retire(Lane lane) {
    lane.running = false;
    lane.retired = true;
    lanes.remove(lane.key, lane);
  }

  private void finished() {
    if (pending.decrementAndGet() == 0) {
      List<CompletableFuture<Void>> waiters;
      synchronized (idleLock) {
        if (pending.get() != 0) {
          return;
        }
        waiters = new ArrayList<>(idleWaiters);
        idleWaiters.clear();
        idleLock.notifyAll();
      }
      waiters.forEach(w -> w.complete(null));
    }
  }

  /** Jobs queued or running, across lanes. */
  public int pending() {
    return pending.get();
  }

  /** Jobs queued or running in one lane. */
  public int depth(String key) {
    Lane lane = lanes.get(key);
    if (lane == null) {
      return 0;
    }
    synchronized (lane) {
      return lane.queue.size() + (lane.running ? 1 : 0);
    }
  }

  /** Completes when no job is queued or running. */
  public CompletableFuture<Void> whenIdle() {
    synchronized (idleLock) {
      if (pending.get() == 0) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      idleWaiters.add(f);
      return f;
    }
  }

  /** Stops the threads; a job still running is interrupted. */
  public void shutdown() {
    pool.shutdownNow();
  }

  private static final class Lane {
    final String key;
    final ArrayDeque<Job> queue = new ArrayDeque<>();
    boolean running;
    boolean retired;

    Lane(String key) {
      this.key = key;
    }
  }
}
