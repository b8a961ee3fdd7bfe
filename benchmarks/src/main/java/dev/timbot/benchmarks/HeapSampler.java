package dev.timbot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples used heap every 50 ms on a daemon thread, keeping the maximum since the last reset:
 * the peak a load step needed, garbage included. {@link #liveAfterGc()} is the other half, what
 * is still reachable.
 */
public final class HeapSampler {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private final AtomicLong max = new AtomicLong();
  private final AtomicLong sum = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();

  public HeapSampler start() {
    Thread t = new Thread(() -> {
      while (true) {
        long used = used();
        max.accumulateAndGet(used, Math::max);
        sum.addAndGet(used);
        samples.incrementAndGet();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    t.setDaemon(true);
    t.start();
    return this;
  }

  public void reset() {
    max.set(used());
    sum.set(0);
    samples.set(0);
  }

  public long max() {
    return max.get();
  }

  public long mean() {
    long n = samples.get();
    return n == 0 ? used() : sum.get() / n;
  }

  public static long used() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  public static long committed() {
    return MEMORY.getHeapMemoryUsage().getCommitted();
  }

  /** Used heap after full collections (three, until it stops shrinking much). */
  public static long liveAfterGc() {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = used();
      if (i >= 2 && now >= last - 64 * 1024) {
        return now;
      }
      last = now;
    }
    return used();
  }
}
