package dev.timbot.plugins.faq.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short task on a helper thread while the caller does something else: a hybrid lookup's BM25 search while
 * the caller embeds the query, the two being independent (BM25 was about a fifth of a lookup at 10 000 entries, the
 * query embedding over half). Whichever thread gets to the task first runs it, so when every helper is busy the
 * caller runs it itself in {@link #join}, and a lookup is never slower than doing both in turn, bar the hand-off.
 * It saves wall-clock time, not CPU. {@code -Dtimbot.faq.overlap=false} runs every task on its caller.
 */
public final class Overlap {
  static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("timbot.faq.overlap", "true"));
  private static final int HELPERS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private static final ThreadPoolExecutor HELPER_POOL = helperPool();

  private Overlap() {}

  private static ThreadPoolExecutor helperPool() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(HELPERS, HELPERS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "faq-overlap");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Offers {@code task} to a helper thread; {@link #join} gets its result. */
  public static <T> FutureTask<T> start(Callable<T> task) {
    FutureTask<T> future = new FutureTask<>(task);
    if (ENABLED) {
      HELPER_POOL.execute(future);
    }
    return future;
  }

  /**
   * The task's result: run here if no helper has started it yet (a helper that dequeues it later finds it done),
   * else waited for. An interrupt does not abandon the task; it is kept for the caller.
   */
  public static <T> T join(FutureTask<T> future) {
    future.run();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
