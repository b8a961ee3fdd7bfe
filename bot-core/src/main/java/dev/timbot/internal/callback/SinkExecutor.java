package dev.timbot.internal.callback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a receiver without a journal runs its sink: an executor passed in (not shut down here),
 * or its own — one thread keeps callbacks in arrival order on their way to the sink (the inbox,
 * which is fast), and the bounded queue turns overload into 503s instead of unbounded memory.
 */
final class SinkExecutor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallbackReceiver.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final Executor executor;
  private final ExecutorService owned;

  /** @param given an executor of the caller's, or null for the receiver's own */
  SinkExecutor(Executor given) {
    this.owned = given == null ? ownThread() : null;
    this.executor = given == null ? owned : given;
  }

  /** @throws java.util.concurrent.RejectedExecutionException when it is full or shut down */
  void execute(Runnable task) {
    executor.execute(task);
  }

  /** Stops its own executor, letting queued callbacks reach the sink for a few seconds. */
  @Override
  public void close() {
    if (owned == null || owned.isShutdown()) {
      return;
    }
    owned.shutdown();
    try {
      if (!owned.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        List<Runnable> left = owned.shutdownNow();
        log.warn("callback receiver closed with {} callbacks not yet handed to the sink", left.size());
      }
    } catch (InterruptedException e) {
      List<Runnable> left = owned.shutdownNow();
      log.warn("callback receiver close interrupted; {} callbacks not handed on", left.size());
      Thread.currentThread().interrupt();
    }
  }

  private static ExecutorService ownThread() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(CallbackReceiver.DEFAULT_QUEUE_CAPACITY),
        r -> {
          Thread t = new Thread(r, "timbot-callback-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }
}
