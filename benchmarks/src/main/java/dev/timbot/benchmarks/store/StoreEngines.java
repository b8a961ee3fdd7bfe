package dev.timbot.benchmarks.store;

import dev.timbot.benchmarks.Args;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Picks the embedded engine of the durable store by measurement (issue 13): durable appends per
 * second of a 1 KiB journal record, with group commit, on H2 MVStore, SQLite (WAL,
 * synchronous=FULL) and RocksDB (WriteBatch, sync=true). Every engine gets the same scheme: many
 * producers enqueue a record and wait; one committer thread takes everything queued, writes it
 * in one batch, forces it to disk, then completes the waiters. That is how the bot's receiver
 * uses the store (concurrent callbacks share an fsync), so the figure is the one that matters.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.store.StoreEngines \
 *     --dir=/tmp/engines --producers=1,64 --seconds=5 --engines=h2,sqlite,rocksdb
 * </pre>
 */
public final class StoreEngines {
  private static final int RECORD_BYTES = 1024;

  /** One engine, as the committer thread drives it. */
  interface Engine extends AutoCloseable {
    /** Writes the batch and forces it to stable storage before returning. */
    void appendDurably(long firstKey, List<byte[]> batch) throws Exception;

    @Override
    void close() throws Exception;
  }

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path base = Path.of(args.string("dir", "target/engines"));
    List<Integer> producers = args.integers("producers", "1,16,64");
    long seconds = args.seconds("seconds", 5).toSeconds();
    List<String> engines = Arrays.asList(args.string("engines", "h2,sqlite,rocksdb").split(","));
    System.out.printf("engine    producers  appends/s  fsyncs/s  batch   p50 ms  p99 ms  committer µs/commit  process µs/append%n");
    for (String name : engines) {
      for (int p : producers) {
        Path dir = base.resolve(name + "-" + p);
        deleteTree(dir);
        Files.createDirectories(dir);
        try (Engine engine = open(name, dir)) {
          Result r = run(engine, p, seconds);
          System.out.printf("%-9s %9d %10.0f %9.0f %6.1f %8.2f %7.2f %20.1f %18.1f%n",
              name, p, r.appendsPerSecond, r.syncsPerSecond, r.appendsPerSecond / r.syncsPerSecond, r.p50Ms, r.p99Ms,
              r.committerMicrosPerSync, r.processMicrosPerAppend);
        }
        deleteTree(dir);
      }
    }
    System.out.println("loadavg: " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  static Engine open(String name, Path dir) throws Exception {
    return switch (name) {
      case "h2" -> new H2Engine(dir);
      case "sqlite" -> new SqliteEngine(dir);
      case "rocksdb" -> new RocksEngine(dir);
      default -> throw new IllegalArgumentException("unknown engine " + name + " (h2, sqlite, rocksdb)");
    };
  }

  /**
   * @param committerMicrosPerSync the committer thread's CPU per durable batch (what the store's commit thread pays per
   *     commit; an engine's own background threads are not in it)
   * @param processMicrosPerAppend the whole process's CPU per append, producers and background threads included
   */
  record Result(double appendsPerSecond, double syncsPerSecond, double p50Ms, double p99Ms,
      double committerMicrosPerSync, double processMicrosPerAppend) {}

  private record Pending(byte[] data, CompletableFuture<Void> done) {}

  static Result run(Engine engine, int producers, long seconds) throws Exception {
    BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(producers * 2 + 16);
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder syncs = new LongAdder();
    Thread committer = new Thread(() -> {
      List<Pending> batch = new ArrayList<>();
      long key = 0;
      try {
        while (running.get() || !queue.isEmpty()) {
          Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch);
          List<byte[]> data = batch.stream().map(Pending::data).toList();
          engine.appendDurably(key, data);
          key += data.size();
          syncs.increment();
          batch.forEach(p -> p.done.complete(null));
          batch.clear();
        }
      } catch (Exception e) {
        batch.forEach(p -> p.done.completeExceptionally(e));
        e.printStackTrace();
      }
    }, "committer");
    committer.start();
    long[][] latencies = new long[producers][];
    int[] counts = new int[producers];
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < producers; i++) {
      int me = i;
      latencies[i] = new long[1 << 20];
      Thread t = new Thread(() -> {
        byte[] payload = new byte[RECORD_BYTES];
        Arrays.fill(payload, (byte) ('a' + me % 26));
        while (true) {
          long start = System.nanoTime();
          if (start >= end) {
            return;
          }
          Pending p = new Pending(payload, new CompletableFuture<>());
          try {
            queue.put(p);
            p.done.join();
          } catch (InterruptedException e) {
            return;
          }
          long now = System.nanoTime();
          if (start >= warmupEnd && counts[me] < latencies[me].length) {
            latencies[me][counts[me]++] = now - start;
          }
        }
      });
      t.start();
      threads.add(t);
    }
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long syncsAtWarmup = waitAndSample(warmupEnd, syncs);
    long committerCpuAtWarmup = cpu.getThreadCpuTime(committer.getId());
    long processCpuAtWarmup = os.getProcessCpuTime();
    for (Thread t : threads) {
      t.join();
    }
    long syncsInWindow = syncs.sum() - syncsAtWarmup;
    long committerCpu = cpu.getThreadCpuTime(committer.getId()) - committerCpuAtWarmup;
    long processCpu = os.getProcessCpuTime() - processCpuAtWarmup;
    running.set(false);
    committer.join();
    long total = Arrays.stream(counts).sum();
    long[] all = new long[(int) total];
    int at = 0;
    for (int i = 0; i < producers; i++) {
      System.arraycopy(latencies[i], 0, all, at, counts[i]);
      at += counts[i];
    }
    Arrays.sort(all);
    double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
    double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6;
    return new Result(total / (double) seconds, syncsInWindow / (double) seconds, p50, p99,
        syncsInWindow == 0 ? 0 : committerCpu / 1e3 / syncsInWindow, total == 0 ? 0 : processCpu / 1e3 / total);
  }

  private static long waitAndSample(long at, LongAdder syncs) throws InterruptedException {
    long wait = at - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    return syncs.sum();
  }

  static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
