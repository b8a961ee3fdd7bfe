package dev.timbot.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparison an interleaved {@link WrkBench} run is for: each bot against the first one of
 * {@code --bots} (the reference, normally {@code baseline}) round by round, where the two ran minutes
 * apart at most, and the median over the rounds. On this shared 2-core box the machine's speed drifts
 * by up to 2× between windows of a few minutes, so a ratio of two bots measured one after the other,
 * each for its whole run, says more about the windows than about the bots.
 */
final class WrkSummary {
  private WrkSummary() {}

  static void print(List<WrkSteps.Row> rows, List<String> bots, List<Integer> rates, int rounds) {
    String reference = bots.get(0);
    System.out.println();
    System.out.println("| bot | replies/s at saturation ÷ " + reference + ", per round | median | µs per reply at saturation, median"
        + rates.stream().map(r -> " | p99 ms at " + r + " msg/s per round (" + reference + ") | µs per reply at " + r
            + ", median").reduce("", String::concat) + " |");
    System.out.println("|---|---|---:|---:" + "|---|---:".repeat(rates.size()) + "|");
    for (String bot : bots) {
      List<Double> ratios = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        Optional<WrkSteps.Row> mine = find(rows, round, bot, 0);
        Optional<WrkSteps.Row> theirs = find(rows, round, reference, 0);
        mine.ifPresent(r -> cpu.add(r.cpuPerReply()));
        if (mine.isPresent() && theirs.isPresent()) {
          ratios.add(mine.get().replies() / theirs.get().replies());
        }
      }
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f", bot, join(ratios, "%.2f"),
          median(ratios), median(cpu)));
      for (int rate : rates) {
        List<Double> mine = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> stepCpu = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          find(rows, round, bot, rate).ifPresent(r -> {
            mine.add(r.p99());
            stepCpu.add(r.cpuPerReply());
          });
          find(rows, round, reference, rate).ifPresent(r -> theirs.add(r.p99()));
        }
        line.append(" | ").append(join(mine, "%.1f")).append(" (").append(join(theirs, "%.1f")).append(")")
            .append(String.format(Locale.ROOT, " | %.0f", median(stepCpu)));
      }
      System.out.println(line.append(" |"));
    }
  }

  private static Optional<WrkSteps.Row> find(List<WrkSteps.Row> rows, int run, String bot, int rate) {
    return rows.stream().filter(r -> r.run() == run && r.bot().equals(bot) && r.rate() == rate).findFirst();
  }

  private static String join(List<Double> values, String format) {
    return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
