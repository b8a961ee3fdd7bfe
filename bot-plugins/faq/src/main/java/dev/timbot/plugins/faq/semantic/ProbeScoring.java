package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Scores a calibration's probes on several threads. Scoring a probe against every row of the route is most of what a
 * calibration costs (two thirds of a 10 000-entry KB's, session 41), and each probe's scores depend on nothing but the
 * index, so they are computed side by side; the {@link Calibration} then reads them one by one in the probes' order, as
 * it always did, so the thresholds it fits are the same bit for bit. The threads are the calibration's own (not the
 * common pool, which an application may be using), {@code -Dtimbot.faq.calibrationThreads} of them (default: one per
 * core; 1 scores on the calling thread), and they stop when the probes are scored.
 */
final class ProbeScoring {
  static final int THREADS = FaqSwitches.count("timbot.faq.calibrationThreads",
      Runtime.getRuntime().availableProcessors());
  private static final AtomicInteger POOLS = new AtomicInteger();

  private ProbeScoring() {}

  /** {@code task} applied to 0 … n-1, the results in that order, on {@link #THREADS} threads. */
  static <T> List<T> inOrder(int n, IntFunction<T> task) {
    return inOrder(n, task, THREADS);
  }

  static <T> List<T> inOrder(int n, IntFunction<T> task, int threads) {
    Object[] out = new Object[n];
    int workers = Math.min(threads, n);
    if (workers <= 1) {
      for (int i = 0; i < n; i++) {
        out[i] = task.apply(i);
      }
      return results(out);
    }
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "faq-calibration-" + pool + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Callable<Void>> parts = new ArrayList<>(workers);
      for (int w = 0; w < workers; w++) {
        int first = w;
        // Interleaved, not in blocks: probes that cost more (an entry's own rows, a mapped query) spread over every part.
        parts.add(() -> {
          for (int i = first; i < n; i += workers) {
            out[i] = task.apply(i);
          }
          return null;
        });
      }
      for (Future<Void> f : executor.invokeAll(parts)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring calibration probes", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      executor.shutdownNow();
    }
    // invokeAll's completed futures order every write to out before these reads.
    return results(out);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> results(Object[] out) {
    return (List<T>) Arrays.asList(out);
  }
}
