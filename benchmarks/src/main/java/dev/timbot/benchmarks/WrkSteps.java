package dev.timbot.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The steps {@link WrkBench} runs against one bot: a warm-up, the saturation step with {@code wrk},
 * and the open-loop latency steps. Each step returns a {@link Row}: its line for the table and the
 * figures the interleaved summary compares ({@link WrkSummary}).
 *
 * @param sinks where each bot's replies arrive (the spring peer's and the {@code -tls} bots' at the
 *     HTTPS sink): counted there, or they would be counted as none
 * @param script the wrk script's file, rewritten before every wrk run (its signatures are valid for
 *     a limited time, and an interleaved run lasts longer than that)
 */
record WrkSteps(Function<String, ReplySink> sinks, Path script, int connections, Duration warmup, Duration length, List<Integer> rates,
    Duration step, int users) {

  /**
   * One step's result.
   *
   * @param rate the open-loop rate, or 0 for the saturation step
   * @param replies replies per second reaching the sink in the step's window
   * @param p99 callback→reply p99 in ms (NaN at saturation, where wrk's closed loop sets the pace)
   * @param cpuPerReply the bot process's CPU µs per reply
   */
  record Row(int run, String bot, int rate, double replies, double p99, double cpuPerReply, String line) {}

  /** wrk unmeasured for {@link #warmup}, then the open-loop sender's own warm-up at the lowest rate. */
  void warmUp(String bot, SutProcess sut) throws Exception {
    ReplySink sink = sinks.apply(bot);
    String url = sut.callbackUrl();
    WrkBench.wrk(url, script(warmup), 1, connections, warmup);
    WrkBench.awaitQuiet(sink, Duration.ofSeconds(3), Duration.ofSeconds(60));
    if (!rates.isEmpty()) {
      // The open-loop sender warms up too: cold, it fell behind its own schedule in the first step
      // (1 270 of 2 000 msg/s offered), and latency counted from the planned times then measured its
      // lateness, not the bot's. That hit the first bot of a run (the harness's JVM stays warm after);
      // every bot gets the same warm-up, so the order of the bots does not matter.
      WrkBench.openLoop(sink, url, Collections.min(rates), WrkBench.GENERATOR_WARMUP, users);
      WrkBench.awaitQuiet(sink, Duration.ofSeconds(2), Duration.ofSeconds(60));
    }
  }

  /** Saturation, then each open-loop rate: a row for each, printed as it is made. */
  void measure(int run, String bot, SutProcess sut, List<Row> rows) throws Exception {
    rows.add(print(saturation(run, bot, sut)));
    for (int rate : rates) {
      rows.add(print(openLoop(run, bot, sut, rate)));
    }
  }

  private Row saturation(int run, String bot, SutProcess sut) throws Exception {
    ReplySink sink = sinks.apply(bot);
    String url = sut.callbackUrl();
    Path wrkScript = script(length);
    String load = WrkBench.load();
    long before = sink.replies();
    long conns = sink.connectionsOpened();
    phase(bot, "saturation");
    Duration cpuBefore = sut.cpuTime();
    SutProcess.ThreadTotals threadsBefore = sut.threadTotals();
    WrkBench.WrkResult w = WrkBench.wrk(url, wrkScript, 1, connections, length);
    long inWindow = sink.replies() - before;
    Duration cpu = sut.cpuTime().minus(cpuBefore);
    SutProcess.ThreadTotals threads = sut.threadTotals();
    long drainStart = System.nanoTime();
    WrkBench.awaitQuiet(sink, Duration.ofSeconds(2), Duration.ofSeconds(120));
    long total = sink.replies() - before;
    double drainSeconds = Math.max(0, (sink.lastReplyAt() - drainStart) / 1e9);
    double replies = inWindow / (length.toNanos() / 1e9);
    double cpuPerReply = cpu.isNegative() || inWindow == 0 ? Double.NaN : cpu.toNanos() / 1e3 / inWindow;
    String line = String.format(Locale.ROOT, "| %d | %s | saturation (wrk -c%d) | %.0f | %.0f | %d | %d | %d | %.1f s | - | - | %s | %d | %.0f | %s |",
        run, bot, connections, w.requestsPerSecond(), replies, w.requests(), total, w.non2xx(), drainSeconds, load,
        sink.connectionsOpened() - conns, cpuPerReply, threadsColumns(threadsBefore, threads, cpu, inWindow));
    return new Row(run, bot, 0, replies, Double.NaN, cpuPerReply, line);
  }

  private Row openLoop(int run, String bot, SutProcess sut, int rate) throws Exception {
    ReplySink sink = sinks.apply(bot);
    String load = WrkBench.load();
    long conns = sink.connectionsOpened();
    phase(bot, rate + " msg/s");
    Duration cpuBefore = sut.cpuTime();
    SutProcess.ThreadTotals threadsBefore = sut.threadTotals();
    WrkBench.Latency l = WrkBench.openLoop(sink, sut.callbackUrl(), rate, step, users);
    WrkBench.awaitQuiet(sink, Duration.ofSeconds(2), Duration.ofSeconds(60));
    Duration cpu = sut.cpuTime().minus(cpuBefore);
    SutProcess.ThreadTotals threads = sut.threadTotals();
    long[] lat = sink.latencies();
    double cpuPerReply = cpu.isNegative() || lat.length == 0 ? Double.NaN : cpu.toNanos() / 1e3 / lat.length;
    double p99 = WrkBench.pct(lat, 0.99);
    String line = String.format(Locale.ROOT, "| %d | %s | %d msg/s open loop | %.0f%s | %.0f | %d | %d | %d | - | %.2f | %.2f | %s | %d | %.0f | %s |",
        run, bot, rate, l.offered(), l.offered() < WrkBench.GENERATOR_BEHIND * rate ? " (sender behind)" : "",
        lat.length * 1e9 / step.toNanos(), l.sent(), lat.length, l.refused(), WrkBench.pct(lat, 0.50), p99, load,
        sink.connectionsOpened() - conns, cpuPerReply, threadsColumns(threadsBefore, threads, cpu, lat.length));
    return new Row(run, bot, rate, lat.length * 1e9 / step.toNanos(), p99, cpuPerReply, line);
  }

  private Path script(Duration runFor) throws java.io.IOException {
    Files.writeString(script, WrkBench.lua(runFor.plusSeconds(120), users));
    return script;
  }

  private static Row print(Row row) {
    System.out.println(row.line());
    return row;
  }

  /**
   * Two cells from two readings of {@link SutProcess#threadTotals()} around a window: context switches
   * per reply (voluntary / not), and the JIT compilers' share of the bot's CPU — near 0 once the bot
   * is warm, so a figure measured while it is still compiling shows as such.
   */
  static String threadsColumns(SutProcess.ThreadTotals before, SutProcess.ThreadTotals after, Duration cpu, long replies) {
    if (before == null || after == null || replies == 0 || cpu.isNegative() || cpu.isZero()) {
      return "- | -";
    }
    return String.format(Locale.ROOT, "%.2f / %.2f | %.0f%%", (after.voluntary() - before.voluntary()) / (double) replies,
        (after.involuntary() - before.involuntary()) / (double) replies,
        100.0 * after.compilerCpu().minus(before.compilerCpu()).toMillis() / cpu.toMillis());
  }

  /** When each step starts (to cut a flight recording into steps). */
  private static void phase(String bot, String step) {
    System.out.println("# " + java.time.Instant.now() + " " + bot + " " + step + " starts");
  }
}
