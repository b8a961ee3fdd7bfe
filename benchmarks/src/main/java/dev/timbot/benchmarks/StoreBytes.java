package dev.timbot.benchmarks;

import dev.timbot.internal.store.EmbeddedStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import org.h2.mvstore.MVStore;

/**
 * What the embedded store writes and reads back per echoed message: {@link StorePathBench#echo}
 * (journal append, the dedupe claims, outbox record, done, finish; {@link StorePathBench#BATCH} messages
 * per commit) run {@code --messages} times, and MVStore's file counters and the commit thread's
 * CPU time over the second half (the first fills the dedupe window and warms up).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.StoreBytes --messages=128000 --claims=2</pre>
 *
 * The counters are read by reflection from the store's {@code mv} field (no accessor in the store's API), so the
 * same tool measures any version of {@link EmbeddedStore}.
 */
public final class StoreBytes {
  private StoreBytes() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    int messages = a.integer("messages", 128_000);
    int claims = a.integer("claims", 2);
    StorePathBench bench = new StorePathBench();
    bench.claims = claims;
    bench.open();
    try {
      MVStore mv = mvStoreOf((EmbeddedStore) bench.store);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long commitThread = commitThreadId();
      int rounds = messages / StorePathBench.BATCH;
      long w0 = 0;
      long r0 = 0;
      long cpu0 = 0;
      long t0 = 0;
      for (int i = 0; i < rounds; i++) {
        if (i == rounds / 2) {
          w0 = counter(mv, "writeBytes");
          r0 = counter(mv, "readBytes");
          cpu0 = threads.getThreadCpuTime(commitThread);
          t0 = System.nanoTime();
        }
        bench.echo();
      }
      long measured = (long) (rounds - rounds / 2) * StorePathBench.BATCH;
      long written = counter(mv, "writeBytes") - w0;
      long read = counter(mv, "readBytes") - r0;
      long cpu = threads.getThreadCpuTime(commitThread) - cpu0;
      System.out.printf("claims/message %d, %d messages measured (second half of %d), %d per commit%n", claims,
          measured, rounds * StorePathBench.BATCH, StorePathBench.BATCH);
      System.out.printf("written %,d B (%,d B/message), read back %,d B (%,d B/message)%n", written,
          written / measured, read, read / measured);
      System.out.printf("commit thread CPU %.2f s (%.1f µs/message), wall %.2f s, file %,d B%n", cpu / 1e9,
          cpu / 1e3 / measured, (System.nanoTime() - t0) / 1e9, mv.getFileStore().size());
    } finally {
      bench.close();
    }
  }

  private static MVStore mvStoreOf(EmbeddedStore store) throws ReflectiveOperationException {
    Field f = EmbeddedStore.class.getDeclaredField("mv");
    f.setAccessible(true);
    return (MVStore) f.get(store);
  }

  /** MVStore's file counters ({@code FileStore.readBytes}, {@code writeBytes}; H2 2.4 made the latter's getter private). */
  private static long counter(MVStore mv, String name) throws ReflectiveOperationException {
    Field f = org.h2.mvstore.FileStore.class.getDeclaredField(name);
    f.setAccessible(true);
    return ((java.util.concurrent.atomic.AtomicLong) f.get(mv.getFileStore())).get();
  }

  private static long commitThreadId() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("timbot-store-commit"))
        .mapToLong(Thread::getId).findFirst()
        .orElseThrow(() -> new IllegalStateException("no timbot-store-commit thread"));
  }
}
