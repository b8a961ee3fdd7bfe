package dev.timbot.benchmarks;

import dev.timbot.internal.store.EmbeddedStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import org.h2.mvstore.MVStore;

/**
 * What the embedded store writes and reads back per echoed message: {@link StorePathBench#echo}
 * (journal append, the dedupe claims, outbox record, done, finish; {@code --batch} messages per
 * commit, {@link StorePathBench#BATCH} by default as at saturation, fewer as at a moderate rate) run
 * {@code --messages} times, and MVStore's file counters and the commit thread's CPU time over the
 * second half (the first fills the dedupe window and warms up).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.StoreBytes --messages=128000 --claims=2 --batch=8</pre>
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
    int batch = a.integer("batch", StorePathBench.BATCH);
    StorePathBench bench = new StorePathBench();
    bench.claims = claims;
    bench.batch = batch;
    bench.open();
    try {
      MVStore mv = mvStoreOf((EmbeddedStore) bench.store);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long commitThread = commitThreadId();
      int rounds = messages / batch;
      long w0 = 0;
      long r0 = 0;
      long cpu0 = 0;
      long t0 = 0;
      long[] roundNanos = new long[rounds - rounds / 2];
      for (int i = 0; i < rounds; i++) {
        if (i == rounds / 2) {
          w0 = counter(mv, "writeBytes");
          r0 = counter(mv, "readBytes");
          cpu0 = threads.getThreadCpuTime(commitThread);
          t0 = System.nanoTime();
        }
        long start = System.nanoTime();
        bench.echo();
        if (i >= rounds / 2) {
          roundNanos[i - rounds / 2] = System.nanoTime() - start;
        }
      }
      long measured = (long) (rounds - rounds / 2) * batch;
      long written = counter(mv, "writeBytes") - w0;
      long read = counter(mv, "readBytes") - r0;
      long cpu = threads.getThreadCpuTime(commitThread) - cpu0;
      System.out.printf("claims/message %d, %d messages measured (second half of %d), %d per commit%n", claims,
          measured, rounds * batch, batch);
      System.out.printf("written %,d B (%,d B/message), read back %,d B (%,d B/message)%n", written,
          written / measured, read, read / measured);
      System.out.printf("commit thread CPU %.2f s (%.1f µs/message), wall %.2f s, file %,d B%n", cpu / 1e9,
          cpu / 1e3 / measured, (System.nanoTime() - t0) / 1e9, mv.getFileStore().size());
      // A round waits for two commits: a long one is a commit that waited (an fsync's tail, housekeeping).
      java.util.Arrays.sort(roundNanos);
      System.out.printf("round (%d messages, two commits) ms p50 %.2f p99 %.2f p99.9 %.2f max %.2f%n", batch,
          roundNanos[roundNanos.length / 2] / 1e6, roundNanos[(int) (roundNanos.length * 0.99)] / 1e6,
          roundNanos[(int) (roundNanos.length * 0.999)] / 1e6, roundNanos[roundNanos.length - 1] / 1e6);
      // Every live chunk has an entry in MVStore's layout map, rewritten when the chunk's live pages change.
      long chunks = mv.getLayoutMap().keySet().stream().filter(k -> k.startsWith("chunk.")).count();
      System.out.printf("live chunks %,d, file fill %d%%, chunks fill %d%%%n", chunks, mv.getFileStore().getFillRate(),
          mv.getFileStore().getChunksFillRate());
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
