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
      long[] ticks0 = null;
      long[] roundNanos = new long[rounds - rounds / 2];
      for (int i = 0; i < rounds; i++) {
        if (i == rounds / 2) {
          w0 = counter(mv, "writeBytes");
          r0 = counter(mv, "readBytes");
          cpu0 = threads.getThreadCpuTime(commitThread);
          ticks0 = commitThreadTicks();
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
      long[] ticks = commitThreadTicks();
      System.out.printf("claims/message %d, %d messages measured (second half of %d), %d per commit%n", claims,
          measured, rounds * batch, batch);
      System.out.printf("written %,d B (%,d B/message), read back %,d B (%,d B/message)%n", written,
          written / measured, read, read / measured);
      System.out.printf("commit thread CPU %.2f s (%.1f µs/message), wall %.2f s, file %,d B%n", cpu / 1e9,
          cpu / 1e3 / measured, (System.nanoTime() - t0) / 1e9, mv.getFileStore().size());
      if (ticks != null && ticks0 != null) {
        // The kernel's share (the write and fsync syscalls) against MVStore's own work in user mode.
        long user = ticks[0] - ticks0[0];
        long system = ticks[1] - ticks0[1];
        System.out.printf("commit thread user %d%% / system %d%% of its CPU (/proc clock ticks %d / %d)%n",
            100 * user / Math.max(1, user + system), 100 * system / Math.max(1, user + system), user, system);
      }
      // A round waits for two commits: a long one is a commit that waited (an fsync's tail, housekeeping).
      java.util.Arrays.sort(roundNanos);
      System.out.printf("round (%d messages, two commits) ms p50 %.2f p99 %.2f p99.9 %.2f max %.2f%n", batch,
          roundNanos[roundNanos.length / 2] / 1e6, roundNanos[(int) (roundNanos.length * 0.99)] / 1e6,
          roundNanos[(int) (roundNanos.length * 0.999)] / 1e6, roundNanos[roundNanos.length - 1] / 1e6);
      // Every live chunk has an entry in MVStore's layout map, rewritten when the chunk's live pages change.
      long chunks = mv.getLayoutMap().keySet().stream().filter(k -> k.startsWith("chunk.")).count();
      System.out.printf("live chunks %,d, file fill %d%%, chunks fill %d%%%n", chunks, mv.getFileStore().getFillRate(),
          mv.getFileStore().getChunksFillRate());
      printLayout(mv);
    } finally {
      bench.close();
    }
  }

  /**
   * MVStore's own metadata, rewritten by every commit beside the data: the layout map (a text entry per
   * live chunk and per map root; each commit changes the entries of its chunk, of the chunks whose pages
   * it replaced and of the maps it changed, and writes the layout leaves holding them) and what the newest
   * chunks hold (a chunk is one commit: its pages and 4 KiB blocks). BENCHMARKS §8r: about as many of a
   * commit's pages are the layout's as are ours.
   */
  private static void printLayout(MVStore mv) throws ReflectiveOperationException {
    Field f = org.h2.mvstore.FileStore.class.getDeclaredField("layout"); // the map itself: getLayoutMap() wraps it
    f.setAccessible(true);
    @SuppressWarnings("unchecked")
    org.h2.mvstore.MVMap<String, String> layout = (org.h2.mvstore.MVMap<String, String>) f.get(mv.getFileStore());
    long chars = 0;
    for (var e : layout.entrySet()) {
      chars += e.getKey().length() + e.getValue().length();
    }
    int[] leaves = new int[1];
    int depth = walk(layout.getRootPage(), leaves);
    System.out.printf("layout map %,d entries, %,d chars, %d leaves, depth %d%n", layout.size(), chars, leaves[0], depth);
    // Keys are "chunk." + the id in hex, so text order is not age order once the ids grow a digit.
    java.util.List<String> recent = layout.keySet().stream().filter(k -> k.startsWith("chunk."))
        .sorted(java.util.Comparator.comparingLong(k -> Long.parseLong(k.substring("chunk.".length()), 16))).toList();
    long pages = 0;
    long blocks = 0;
    int n = 0;
    for (String k : recent.subList(Math.max(0, recent.size() - 200), recent.size())) {
      String v = layout.get(k);
      pages += hexField(v, "pages");
      blocks += hexField(v, "len");
      n++;
    }
    if (n > 0) {
      System.out.printf("newest %d chunks: %.1f pages, %.1f blocks of 4 KiB each; e.g. %s%n", n, (double) pages / n,
          (double) blocks / n, layout.get(recent.get(recent.size() - 1)));
    }
  }

  private static int walk(org.h2.mvstore.Page<String, String> page, int[] leaves) {
    if (page.isLeaf()) {
      leaves[0]++;
      return 1;
    }
    int depth = 0;
    for (int i = 0; i < page.getRawChildPageCount(); i++) {
      depth = Math.max(depth, walk(page.getChildPage(i), leaves));
    }
    return depth + 1;
  }

  private static long hexField(String chunk, String name) {
    for (String part : chunk.split(",")) {
      if (part.startsWith(name + ":")) {
        return Long.parseLong(part.substring(name.length() + 1), 16);
      }
    }
    return 0;
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

  /**
   * The commit thread's user and system clock ticks from {@code /proc/self/task/TID/stat} (Linux; null elsewhere):
   * found by its name, which the kernel cuts to 15 characters.
   */
  private static long[] commitThreadTicks() {
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return null;
    }
    for (java.io.File task : tasks) {
      try {
        String comm = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim();
        if ("timbot-store-commit".startsWith(comm) && comm.length() >= 12) {
          String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // utime, stime (fields 14, 15)
        }
      } catch (java.io.IOException | RuntimeException e) {
        // the task ended meanwhile: look at the next
      }
    }
    return null;
  }

  private static long commitThreadId() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("timbot-store-commit"))
        .mapToLong(Thread::getId).findFirst()
        .orElseThrow(() -> new IllegalStateException("no timbot-store-commit thread"));
  }
}
