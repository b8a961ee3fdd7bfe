package dev.timbot.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a flight recording of a {@link WrkBench} step (issue 15's profiling) and prints where the
 * CPU samples, allocation, GC pauses, parks/monitor waits and file forces (fsyncs) went, optionally
 * only between two instants (WrkBench prints when each step starts).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.JfrSummary run1-timbot.jfr \
 *     [--from=2026-12-05T03:07:43Z] [--to=2026-12-05T03:07:55Z] [--top=25]
 * </pre>
 *
 * CPU is counted as execution samples (the JVM samples running Java threads every 10 or 20 ms), so
 * shares compare between JVMs on a loaded box where wall-clock figures do not.
 */
public final class JfrSummary {
  private JfrSummary() {}

  public static void main(String[] argv) throws IOException {
    Path file = Path.of(argv[0]);
    String[] rest = java.util.Arrays.copyOfRange(argv, 1, argv.length);
    Args args = new Args(rest);
    Instant from = args.string("from", "").isEmpty() ? Instant.MIN : Instant.parse(args.string("from", ""));
    Instant to = args.string("to", "").isEmpty() ? Instant.MAX : Instant.parse(args.string("to", ""));
    int top = args.integer("top", 25);
    Map<String, Long> samplesByThread = new HashMap<>();
    Map<String, Long> samplesByTopFrame = new HashMap<>();
    Map<String, Long> samplesByFrame = new HashMap<>();
    Map<String, Long> allocBySite = new HashMap<>();
    Map<String, Long> allocByThread = new HashMap<>();
    Map<String, Long> parkByThread = new HashMap<>();
    Map<String, Long> parkBySite = new HashMap<>();
    Map<String, Long> forceBySite = new HashMap<>();
    List<Long> forceNanos = new ArrayList<>();
    Map<String, Long> gcByName = new HashMap<>();
    Map<String, Long> cpuByThread = new HashMap<>();
    List<Long> gcPauses = new ArrayList<>();
    long cpuLoads = 0;
    double jvmCpu = 0;
    double machineCpu = 0;
    long samples = 0;
    long gcPauseNanos = 0;
    long gcs = 0;
    long allocTotal = 0;
    Instant first = null;
    Instant last = null;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      Instant at = e.getStartTime();
      if (at.isBefore(from) || at.isAfter(to)) {
        continue;
      }
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
      String type = e.getEventType().getName();
      switch (type) {
        case "jdk.ExecutionSample" -> {
          samples++;
          add(samplesByThread, threadGroup(e.getThread("sampledThread")), 1);
          RecordedStackTrace st = e.getStackTrace();
          if (st != null && !st.getFrames().isEmpty()) {
            add(samplesByTopFrame, frame(st.getFrames().get(0)), 1);
            // Inclusive: each distinct method on the stack once.
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : st.getFrames()) {
              String m = frame(f);
              if (seen.add(m)) {
                add(samplesByFrame, m, 1);
              }
            }
          }
        }
        case "jdk.ObjectAllocationSample" -> {
          long w = e.getLong("weight");
          allocTotal += w;
          add(allocBySite, site(e.getStackTrace(), 3), w);
          add(allocByThread, threadGroup(e.getThread("eventThread")), w);
        }
        case "jdk.GarbageCollection" -> {
          gcs++;
          gcPauseNanos += e.getDuration("sumOfPauses").toNanos();
          gcPauses.add(e.getDuration("longestPause").toNanos());
          add(gcByName, e.getString("name") + " (" + e.getString("cause") + ")", 1);
        }
        case "jdk.ThreadCPULoad" -> {
          // Fractions of the machine over the event's period; summed here as percent-of-one-core·samples.
          double cores = Runtime.getRuntime().availableProcessors();
          add(cpuByThread, threadGroup(e.getThread("eventThread")),
              Math.round((e.getFloat("user") + e.getFloat("system")) * cores * 1000));
        }
        case "jdk.CPULoad" -> {
          cpuLoads++;
          jvmCpu += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
          machineCpu += e.getFloat("machineTotal");
        }
        case "jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait" -> {
          long d = e.getDuration().toNanos();
          add(parkByThread, type.substring(4) + " " + threadGroup(e.getThread("eventThread")), d);
          add(parkBySite, type.substring(4) + " " + site(e.getStackTrace(), 4), d);
        }
        case "jdk.FileForce" -> {
          forceNanos.add(e.getDuration().toNanos());
          add(forceBySite, site(e.getStackTrace(), 6), 1);
        }
        default -> {}
      }
    }
    double span = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
    System.out.printf(Locale.ROOT, "%s: %.1f s of events, %d execution samples%n", file.getFileName(), span, samples);
    print("CPU samples by thread", samplesByThread, samples, top, v -> String.valueOf(v));
    print("CPU samples by top frame (self)", samplesByTopFrame, samples, top, v -> String.valueOf(v));
    print("CPU samples by method on the stack (inclusive)", samplesByFrame, samples, top, v -> String.valueOf(v));
    if (cpuLoads > 0) {
      System.out.printf(Locale.ROOT, "%nCPU (jdk.CPULoad, mean of %d readings): this JVM %.0f%% of the machine, machine %.0f%%%n",
          cpuLoads, 100 * jvmCpu / cpuLoads, 100 * machineCpu / cpuLoads);
    }
    print("thread CPU (jdk.ThreadCPULoad: sum over readings of one core = 1000)", cpuByThread, 0, top,
        v -> String.valueOf(v));
    gcPauses.sort(Comparator.naturalOrder());
    System.out.printf(Locale.ROOT, "%nGC: %d collections, %.1f ms paused in total, longest pause %.1f ms%n", gcs,
        gcPauseNanos / 1e6, gcPauses.isEmpty() ? 0 : gcPauses.get(gcPauses.size() - 1) / 1e6);
    print("GC by name (cause)", gcByName, gcs, top, v -> String.valueOf(v));
    print("allocation (sampled weight, MB) by thread", allocByThread, allocTotal, top,
        v -> String.format(Locale.ROOT, "%.1f", v / 1e6));
    print("allocation (sampled weight, MB) by site", allocBySite, allocTotal, top,
        v -> String.format(Locale.ROOT, "%.1f", v / 1e6));
    print("parked / monitor ms by thread", parkByThread, 0, top, v -> String.format(Locale.ROOT, "%.0f", v / 1e6));
    print("parked / monitor ms by site", parkBySite, 0, top, v -> String.format(Locale.ROOT, "%.0f", v / 1e6));
    forceNanos.sort(Comparator.naturalOrder());
    if (!forceNanos.isEmpty()) {
      System.out.printf(Locale.ROOT, "%nfile forces (fsync): %d, %.1f/s; ms p50 %.2f p90 %.2f p99 %.2f max %.2f; total %.0f ms%n",
          forceNanos.size(), span > 0 ? forceNanos.size() / span : 0, pct(forceNanos, 0.5), pct(forceNanos, 0.9),
          pct(forceNanos, 0.99), forceNanos.get(forceNanos.size() - 1) / 1e6,
          forceNanos.stream().mapToLong(Long::longValue).sum() / 1e6);
      print("file forces by site", forceBySite, forceNanos.size(), top, v -> String.valueOf(v));
    }
  }

  private static double pct(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
  }

  private static void print(String title, Map<String, Long> counts, long total, int top, Function<Long, String> fmt) {
    System.out.printf("%n%s%n", title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .forEach(en -> System.out.printf(Locale.ROOT, "  %8s %6s  %s%n", fmt.apply(en.getValue()),
            total > 0 ? String.format(Locale.ROOT, "%.1f%%", 100.0 * en.getValue() / total) : "",
            en.getKey()));
  }

  private static void add(Map<String, Long> m, String k, long v) {
    m.merge(k, v, Long::sum);
  }

  /** Thread names with their numbers cut off, so a pool counts as one. */
  private static String threadGroup(RecordedThread t) {
    if (t == null) {
      return "?";
    }
    String n = t.getJavaName() == null ? t.getOSName() : t.getJavaName();
    return n == null ? "?" : n.replaceAll("[-#]?\\d+", "#").replaceAll("(OkHttp http://[^ ]+).*", "$1");
  }

  private static String frame(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The first {@code depth} frames, outside the JDK's and Jackson's own where possible. */
  private static String site(RecordedStackTrace st, int depth) {
    if (st == null) {
      return "?";
    }
    List<String> out = new ArrayList<>();
    for (RecordedFrame f : st.getFrames()) {
      out.add(frame(f) + ":" + f.getLineNumber());
      if (out.size() >= depth) {
        break;
      }
    }
    return String.join(" < ", out);
  }
}
