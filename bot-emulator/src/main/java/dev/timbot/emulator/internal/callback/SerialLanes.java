package dev.timbot.emulator.internal.callback;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a shared pool, one at a time per lane and in submission order within a lane
 * (after-callbacks of one conversation arrive in order), with a bound on queued tasks: when the
 * target is down and the queue is full, new tasks are dropped with a warning instead of piling up.
 */
final class SerialLanes {
  private static final Logger log = LoggerFactory.getLogger(SerialLanes.class);
  private final ExecutorService pool;
  private final int maxQueued;
  private final Map<String, ArrayDeque<Runnable>> lanes = new HashMap<>();
  private int queued;
  /** Queued plus running: zero means every accepted task has finished. */
  private int outstanding;
  private long dropped;

  SerialLanes(ExecutorService pool, int maxQueued) {
    this.pool = pool;
    this.maxQueued = maxQueued;
  }

  /** Queues {@code task} on {@code lane}; false if the bound was reached and it was dropped. */
  boolean submit(String lane, Runnable task) {
    boolean start;
    synchronized (this) {
      if (queued >= maxQueued) {
        dropped++;
        if (dropped == 1 || dropped % 1000 == 0) {
          log.warn("callback queue full ({} queued); dropped {} callbacks so far", queued, dropped);
        }
        return false;
      }
      queued++;
      outstanding++;
      ArrayDeque<Runnable> q = lanes.get(lane);
      start = q == null;
      if (start) {
        q = new ArrayDeque<>();
        lanes.put(lane, q);
      }
      q.addLast(task);
    }
    if (start) {
      pool.execute(() -> drain(lane));
    }
    return true;
  }

  private void drain(String lane) {
    while (true) {
      Runnable next;
      synchronized (this) {
        ArrayDeque<Runnable> q = lanes.get(lane);
        next = q.pollFirst();
        if (next == null) {
          lanes.remove(lane);
          return;
        }
        queued--;
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.warn("callback task failed", e);
      } finally {
        synchronized (this) {
          outstanding--;
          if (outstanding == 0) {
            notifyAll();
          }
        }
      }
    }
  }

  synchronized int queued() {
    return queued;
  }

  /** Waits until every accepted task has run; false on timeout. */
  synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (outstanding > 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
