package dev.timbot.benchmarks;

import dev.timbot.emulator.LocalIm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * End-to-end load: callback POST → bot → {@code sendmsg} → reply at the emulator, for the
 * framework's echo bot and the hand-written {@link BaselineBot}, side by side in one run.
 *
 * <p>Processes: this JVM is the load generator and hosts the emulator (rate limits off) and the
 * reply observer; each system under test runs in its own child JVM ({@link SutMain}) with the
 * same flags. Per run, both bots are started fresh, warmed up, then given each fixed load and a
 * saturation step, alternating which goes first. Prints a table per run and the medians over the
 * runs, writes a CSV and the latency-vs-load PNG.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.EndToEnd \
 *     --rates=500,2000,5000,10000 --step=4 --runs=3 --png=benchmarks/latency-vs-load.png
 * </pre>
 */
public final class EndToEnd {
  private EndToEnd() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    String csv = a.string("from-csv", null);
    if (csv != null) {
      replot(Path.of(csv), Path.of(a.string("png", "benchmarks/latency-vs-load.png")));
    } else {
      run(a);
    }
  }

  /** Redraws the plot and the tables from a CSV this class wrote, without running anything. */
  static void replot(Path csv, Path png) throws IOException {
    List<List<StepResult>> perRun = new ArrayList<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      String[] f = line.split(",");
      int run = Integer.parseInt(f[0]);
      while (perRun.size() < run) {
        perRun.add(new ArrayList<>());
      }
      perRun.get(run - 1).add(new StepResult(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
          Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
          Integer.parseInt(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
          Double.parseDouble(f[12]), Double.parseDouble(f[13])));
    }
    List<StepResult> medians = medians(perRun);
    System.out.println(table(medians));
    System.out.println(ratios(perRun, List.of("timbot", "baseline")));
    Map<String, List<StepResult>> series = new LinkedHashMap<>();
    medians.forEach(r -> series.computeIfAbsent(r.sut(), k -> new ArrayList<>()).add(r));
    LatencyPlot.write(png, "Callback POST → reply at emulator (median of " + perRun.size() + " runs)", series);
  }

  /** Runs the whole comparison and returns the per-(system, load) medians. */
  public static List<StepResult> run(Args a) throws Exception {
    List<Integer> rates = a.integers("rates", "500,2000,5000,10000");
    Duration step = a.seconds("step", 4);
    Duration warmup = a.seconds("warmup", 3);
    Duration drain = a.seconds("drain", 60);
    int warmupRate = a.integer("warmup-rate", 500);
    int runs = a.integer("runs", 3);
    int window = a.integer("window", 256);
    int users = a.integer("users", 64);
    List<String> suts = a.strings("suts", "timbot,baseline");
    List<String> jvm = a.strings("sut-jvm", "-Xmx512m,-Xms512m");
    Path out = Path.of(a.string("out", "benchmarks/target/e2e"));
    String png = a.string("png", out.resolve("latency-vs-load.png").toString());

    List<List<StepResult>> perRun = new ArrayList<>();
    Map<String, List<SutProcess.HeapStats>> heaps = new LinkedHashMap<>();
    try (LocalIm im = LocalIm.builder().port(0).defaultRateLimit(0).start()) {
      ReplyObserver observer = new ReplyObserver();
      for (int u = 0; u < users; u++) {
        im.users().login(LoadGenerator.user(u));
        im.users().subscribe(LoadGenerator.user(u), observer);
      }
      int stepId = 0;
      try (LoadGenerator gen = new LoadGenerator(im.sdkAppId(), users, observer)) {
        for (int run = 1; run <= runs; run++) {
          List<SutProcess> procs = new ArrayList<>();
          try {
            for (String s : suts) {
              String account = "bench_" + s;
              im.users().login(account); // the baseline does not import itself
              procs.add(SutProcess.spawn(s, account, im, jvm));
            }
            for (SutProcess p : procs) {
              p.awaitReady();
            }
            for (SutProcess p : procs) {
              StepResult w = gen.fixedRate(p.name(), p.callbackUrl(), "bench_" + p.name(), ++stepId, warmupRate, warmup, drain);
              System.err.printf("run %d %-8s warm-up    %s%n", run, p.name(), brief(w));
            }
            List<StepResult> results = new ArrayList<>();
            List<Integer> levels = new ArrayList<>(rates);
            levels.add(0); // saturation
            for (int li = 0; li < levels.size(); li++) {
              int level = levels.get(li);
              List<SutProcess> order = new ArrayList<>(procs);
              if ((run + li) % 2 == 0) {
                java.util.Collections.reverse(order);
              }
              for (SutProcess p : order) {
                String bot = "bench_" + p.name();
                StepResult r;
                if (level > 0) {
                  r = gen.fixedRate(p.name(), p.callbackUrl(), bot, ++stepId, level, step, drain);
                } else {
                  p.resetHeapPeak();
                  r = gen.saturate(p.name(), p.callbackUrl(), bot, ++stepId, window, 400_000, step, drain);
                  heaps.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.heapStats());
                }
                results.add(r);
                System.err.printf("run %d %-8s %-10s %s%n", run, p.name(), r.load(), brief(r));
              }
            }
            perRun.add(results);
            System.out.println("\n### Run " + run + "\n");
            System.out.println(table(results));
          } finally {
            procs.forEach(SutProcess::requestQuit);
            procs.forEach(SutProcess::close);
          }
        }
      }
    }
    List<StepResult> medians = medians(perRun);
    System.out.println("\n### Medians over " + runs + " runs\n");
    System.out.println(table(medians));
    System.out.println(ratios(perRun, suts));
    System.out.println(heapTable(heaps));
    Files.createDirectories(out);
    writeCsv(out.resolve("e2e.csv"), perRun);
    Map<String, List<StepResult>> series = new LinkedHashMap<>();
    medians.forEach(r -> series.computeIfAbsent(r.sut(), k -> new ArrayList<>()).add(r));
    LatencyPlot.write(Path.of(png), "Callback POST → reply at emulator (median of " + runs + " runs)", series);
    System.out.println("plot: " + png);
    return medians;
  }

  static String brief(StepResult r) {
    return String.format("sent=%d recv=%d refused=%d failed=%d lost=%d dup=%d achieved=%.0f/s p50=%.2fms p99=%.2fms",
        r.sent(), r.received(), r.refused(), r.failed(), r.lost(), r.duplicates(), r.achieved(), r.p50Ms(), r.p99Ms());
  }

  static String table(List<StepResult> rs) {
    StringBuilder sb = new StringBuilder(
        "| system | offered (msg/s) | achieved (msg/s) | p50 ms | p90 ms | p99 ms | max ms | sent | replies | refused | lost | dup |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    rs.stream().sorted(Comparator.comparing((StepResult r) -> r.offered() == 0 ? Integer.MAX_VALUE : r.offered())
            .thenComparing(StepResult::sut))
        .forEach(r -> sb.append(String.format("| %s | %s | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %d | %d | %d | %d |%n",
            r.sut(), r.load(), r.achieved(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.maxMs(), r.sent(), r.received(),
            r.refused() + r.failed(), r.lost(), r.duplicates())));
    return sb.toString();
  }

  /** Per (system, load): the median of each figure over the runs; counts are summed. */
  static List<StepResult> medians(List<List<StepResult>> perRun) {
    Map<String, List<StepResult>> byKey = new LinkedHashMap<>();
    perRun.forEach(run -> run.forEach(r -> byKey.computeIfAbsent(r.sut() + "|" + r.offered(), k -> new ArrayList<>()).add(r)));
    List<StepResult> out = new ArrayList<>();
    for (List<StepResult> rs : byKey.values()) {
      StepResult f = rs.get(0);
      out.add(new StepResult(f.sut(), f.offered(), sum(rs, StepResult::sent), sum(rs, StepResult::received),
          sum(rs, StepResult::refused), sum(rs, StepResult::failed), sum(rs, StepResult::lost),
          sum(rs, StepResult::duplicates), median(rs, StepResult::achieved), median(rs, StepResult::p50Ms),
          median(rs, StepResult::p90Ms), median(rs, StepResult::p99Ms), median(rs, StepResult::maxMs)));
    }
    return out;
  }

  /** timbot / baseline per run and load, and their median: the framework's cost as a ratio. */
  static String ratios(List<List<StepResult>> perRun, List<String> suts) {
    if (suts.size() < 2) {
      return "";
    }
    String fw = suts.get(0);
    String base = suts.get(1);
    Map<Integer, List<double[]>> byLoad = new LinkedHashMap<>();
    for (List<StepResult> run : perRun) {
      for (StepResult r : run) {
        if (!r.sut().equals(fw)) {
          continue;
        }
        run.stream().filter(b -> b.sut().equals(base) && b.offered() == r.offered()).findFirst().ifPresent(b ->
            byLoad.computeIfAbsent(r.offered(), k -> new ArrayList<>()).add(new double[] {
                r.achieved() / b.achieved(), r.p50Ms() / b.p50Ms(), r.p99Ms() / b.p99Ms()}));
      }
    }
    StringBuilder sb = new StringBuilder("\n### Ratios " + fw + " / " + base + " (same run; median over runs, then each run)\n\n"
        + "| load | throughput ratio | p50 ratio | p99 ratio | per run (throughput) |\n|---|---:|---:|---:|---|\n");
    byLoad.forEach((load, list) -> sb.append(String.format("| %s | %.3f | %.2f | %.2f | %s |%n",
        load == 0 ? "saturation" : load, medianOf(list, 0), medianOf(list, 1), medianOf(list, 2),
        list.stream().map(d -> String.format("%.3f", d[0])).toList())));
    return sb.toString();
  }

  static String heapTable(Map<String, List<SutProcess.HeapStats>> heaps) {
    StringBuilder sb = new StringBuilder("\n### Heap of each bot JVM during/after the saturation step (MiB, median over runs)\n\n"
        + "| system | peak used | mean used | live after GC | committed |\n|---|---:|---:|---:|---:|\n");
    heaps.forEach((sut, hs) -> sb.append(String.format("| %s | %.0f | %.0f | %.1f | %.0f |%n", sut,
        medianL(hs, SutProcess.HeapStats::peak), medianL(hs, SutProcess.HeapStats::mean),
        medianL(hs, SutProcess.HeapStats::live), medianL(hs, SutProcess.HeapStats::committed))));
    return sb.toString();
  }

  private static double medianL(List<SutProcess.HeapStats> hs, java.util.function.ToLongFunction<SutProcess.HeapStats> f) {
    double[] v = hs.stream().mapToDouble(h -> f.applyAsLong(h) / 1048576.0).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double medianOf(List<double[]> list, int i) {
    double[] v = list.stream().mapToDouble(d -> d[i]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static double median(List<StepResult> rs, ToDoubleFunction<StepResult> f) {
    double[] v = rs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static int sum(List<StepResult> rs, java.util.function.ToIntFunction<StepResult> f) {
    return rs.stream().mapToInt(f).sum();
  }

  private static void writeCsv(Path file, List<List<StepResult>> perRun) throws IOException {
    StringBuilder sb = new StringBuilder("run,sut,offered,sent,received,refused,failed,lost,duplicates,achieved,p50_ms,p90_ms,p99_ms,max_ms\n");
    for (int i = 0; i < perRun.size(); i++) {
      for (StepResult r : perRun.get(i)) {
        sb.append(String.format("%d,%s,%d,%d,%d,%d,%d,%d,%d,%.1f,%.3f,%.3f,%.3f,%.3f%n", i + 1, r.sut(), r.offered(),
            r.sent(), r.received(), r.refused(), r.failed(), r.lost(), r.duplicates(), r.achieved(), r.p50Ms(),
            r.p90Ms(), r.p99Ms(), r.maxMs()));
      }
    }
    Files.writeString(file, sb);
  }
}
