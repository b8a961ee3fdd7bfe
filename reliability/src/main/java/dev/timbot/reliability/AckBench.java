package dev.timbot.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The cost of durability at saturation (BENCHMARKS.md, "Journal on vs memory:"): the echo bot in
 * its own JVM, callbacks offered faster than it can acknowledge them (at most 256 in flight), once
 * with the embedded store ({@code file:}) and once with {@code memory:}, alternating, same run.
 * Reports acknowledged callbacks per second and the acknowledgement latency (p50, p99, max).
 *
 * <pre>
 * java -cp … dev.timbot.reliability.AckBench [rate=4000] [seconds=10] [rounds=2]
 * </pre>
 */
public final class AckBench {
  private AckBench() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path base = Files.createTempDirectory("timbot-ackbench");
    System.out.printf("store    offered/s  acked/s  refused   p50 ms  p99 ms  max ms%n");
    for (int r = 0; r < rounds; r++) {
      for (String store : List.of("file", "memory")) {
        try (Suite suite = new Suite(base.resolve(store + r), 200, List.of("-Xmx512m"))) {
          if (store.equals("memory")) {
            suite.storeUrl("memory:");
          }
          suite.startBot();
          suite.stream(200, Duration.ofSeconds(3)); // warm-up
          suite.stream.drain();
          int before = suite.stream.acknowledged.size();
          long[] warm = suite.stream.ackLatenciesMs();
          long t0 = System.nanoTime();
          suite.stream(rate, Duration.ofSeconds(seconds));
          suite.stream.drain();
          double elapsed = (System.nanoTime() - t0) / 1e9;
          int acked = suite.stream.acknowledged.size() - before;
          long[] all = suite.stream.ackLatenciesMs();
          long[] lat = measured(all, warm);
          System.out.printf("%-8s %9d %8.0f %8d %8d %7d %7d%n", store, rate, acked / elapsed, suite.refused(),
              pct(lat, 0.50), pct(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1]);
        }
      }
    }
    System.out.println("loadavg: " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  /** The latencies of the measured phase: all minus the warm-up ones (multiset difference). */
  private static long[] measured(long[] all, long[] warm) {
    java.util.Map<Long, Integer> drop = new java.util.HashMap<>();
    for (long w : warm) {
      drop.merge(w, 1, Integer::sum);
    }
    return java.util.Arrays.stream(all).filter(v -> {
      Integer c = drop.get(v);
      if (c != null && c > 0) {
        drop.put(v, c - 1);
        return false;
      }
      return true;
    }).toArray();
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
  }
}
