package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;

/**
 * The threads a route's build spreads its independent, CPU-bound work over: a new KB's texts to embed, the
 * calibration's probe scores (each leave-one-out, keyword and generic probe against every row: two thirds of
 * recalibrating a 10 000-entry KB, session 41) and the rows' lengths under the {@link PhrasingWhitening}
 * ({@link WhitenedCosines}: paid on every start). Each result depends on nothing but its input and read-only state, and
 * the caller consumes them in index order, so the calibration reads its probes one by one in their order as it always
 * did and fits the same thresholds bit for bit.
 *
 * <p>The threads are the build's own (not the common pool, which an application may be using):
 * {@code -Dtimbot.faq.buildThreads} of them, by default one core fewer than the machine has (so a reload leaves a core
 * to the lookups it runs beside; on one or two cores the build works on its own thread, as before). Results are made
 * a window at a time ({@link #WINDOW} per thread), so a 10 000-entry KB holds a few hundred score arrays, not every
 * probe's. An interrupted build stops between items (on one thread too) and ends in a {@link CancellationException}
 * with the interrupt flag still set; an item that fails fails the build with its own error: the lowest failing item's,
 * as on one thread, later items skipped.
 */
final class BuildThreads {
  static final int THREADS = FaqSwitches.count("timbot.faq.buildThreads",
      Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
  /**
   * At most this many threads embed a new KB's texts: ONNX Runtime's memory arena grows for each run at once and keeps
   * what it took (64 texts of ≈ 512 tokens: +93 MB resident on one thread, +185 MB on four; review of session 41).
   */
  static final int MAX_EMBEDDING = 4;
  /** Items per thread and window: enough to keep every thread busy, few enough that a window's results are small. */
  static final int WINDOW = 16;
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static final String INTERRUPTED = "semantic route build interrupted";

  private BuildThreads() {}

  /**
   * {@code task} applied to 0 … n-1 on {@code threads} threads, each result handed to {@code consumer} with its index,
   * in that order, on the calling thread.
   */
  static <T> void forEachInOrder(int n, IntFunction<T> task, ObjIntConsumer<T> consumer, int threads) {
    int workers = Math.min(threads, n);
    if (workers <= 1) {
      for (int i = 0; i < n; i++) {
        stopIfInterrupted();
        consumer.accept(task.apply(i), i);
      }
      return;
    }
    stopIfInterrupted();
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "faq-build-" + pool + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      int window = workers * WINDOW;
      for (int start = 0; start < n; start += window) {
        List<T> results = window(start, Math.min(n, start + window), task, workers, executor);
        for (int i = 0; i < results.size(); i++) {
          consumer.accept(results.get(i), start + i);
        }
      }
    } finally {
      executor.shutdownNow();
      awaitWorkers(executor);
    }
  }

  /**
   * Waits for the workers to finish the item each is on (after a failure or an interrupt they start no other): none is
   * left embedding or scoring once the build has ended, even one the caller's interrupt cut short.
   */
  private static void awaitWorkers(ExecutorService executor) {
    boolean interrupted = Thread.interrupted();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Items {@code from} … {@code to}-1, interleaved over the workers (runs of dearer items spread over all of them). */
  private static <T> List<T> window(int from, int to, IntFunction<T> task, int workers, ExecutorService executor) {
    AtomicReferenceArray<T> out = new AtomicReferenceArray<>(to - from);
    AtomicReferenceArray<Throwable> failed = new AtomicReferenceArray<>(to - from);
    // Items past a failure are skipped; those before it still run, so the failure reported is the lowest, as one thread
    // working in order would meet it.
    AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
    List<Callable<Void>> parts = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      int first = from + w;
      parts.add(() -> {
        for (int i = first; i < to && i < firstFailed.get() && !Thread.currentThread().isInterrupted(); i += workers) {
          try {
            out.set(i - from, task.apply(i));
          } catch (RuntimeException | Error e) {
            failed.set(i - from, e);
            firstFailed.accumulateAndGet(i, Math::min);
          }
        }
        return null;
      });
    }
    try {
      for (var f : executor.invokeAll(parts)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw (CancellationException) new CancellationException(INTERRUPTED).initCause(e);
    } catch (ExecutionException e) {
      // The parts catch what their items throw; only a checked exception thrown by stealth gets here.
      throw new IllegalStateException(e.getCause());
    }
    if (firstFailed.get() != Integer.MAX_VALUE) {
      throw firstFailure(failed);
    }
    List<T> results = new ArrayList<>(to - from);
    for (int i = 0; i < to - from; i++) {
      results.add(out.get(i));
    }
    return results;
  }

  /** Ends the build, the thread's interrupt flag left set, when the thread building it has been interrupted. */
  private static void stopIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException(INTERRUPTED);
    }
  }

  /** The failure of the lowest item, any other suppressed in it; rethrown as it was thrown. */
  private static RuntimeException firstFailure(AtomicReferenceArray<Throwable> failed) {
    Throwable first = null;
    for (int i = 0; i < failed.length(); i++) {
      Throwable t = failed.get(i);
      if (t != null && first == null) {
        first = t;
      } else if (t != null) {
        first.addSuppressed(t);
      }
    }
    if (first instanceof Error error) {
      throw error;
    }
    return (RuntimeException) first;
  }
}
