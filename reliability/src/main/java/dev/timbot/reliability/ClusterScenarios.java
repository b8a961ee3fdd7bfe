package dev.timbot.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The scale-out scenarios of RELIABILITY.md (issue 14): echo-bot instances sharing one store behind
 * HAProxy. Each returns what it measured; {@link Main} prints it.
 */
final class ClusterScenarios {
  static final List<String> JVM_ARGS = List.of("-Xmx384m");

  private ClusterScenarios() {}

  /** What a scenario measured: the history's count, and whether its own goals were met. */
  record Outcome(Tally tally, boolean goalsMet, String detail) {}

  /**
   * {@code cluster-kill9}: {@code instances} echo bots, {@code rate} msg/s over {@code users}
   * conversations for {@code seconds}; instance 2 is kill -9'd at {@code killAt} and started
   * again at {@code restartAt} (seconds into the stream), then the last 20 acknowledged callbacks
   * are delivered again (to whichever instance HAProxy picks).
   */
  static Outcome kill9(Path work, IntFunction<String> store, int instances, int users, int rate, int seconds,
      int killAt, int restartAt, List<String> jvmArgs) throws Exception {
    try (ClusterSuite c = new ClusterSuite(work, users, instances, store, 200, jvmArgs, Map.of())) {
      c.startAll();
      long t0 = System.nanoTime();
      Thread streamer = c.streamInBackground(rate, Duration.ofSeconds(seconds));
      sleepUntil(t0, killAt);
      c.kill9(1);
      System.out.printf("cluster: bot2 killed at %.1f s%n", (System.nanoTime() - t0) / 1e9);
      sleepUntil(t0, restartAt);
      c.start(1);
      System.out.printf("cluster: bot2 up again at %.1f s%n", (System.nanoTime() - t0) / 1e9);
      streamer.join();
      c.stream.drain();
      c.stream.redeliverLast(20);
      Tally t = c.settle(Duration.ofMinutes(3));
      return new Outcome(t, t.clean(), String.format("not acknowledged %d; haproxy %s", c.refused(),
          retries(c.haproxy())));
    }
  }

  /** The small {@link #kill9} of {@code mvn verify} (ClusterSmokeTest): 30 users, 100 msg/s for 14 s, kill at 4 s, restart at 8 s. */
  static Outcome smoke(Path work, IntFunction<String> store) throws Exception {
    return kill9(work, store, 3, 30, 100, 14, 4, 8, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
  }

  /**
   * {@code cluster-rate}: a backlog of {@code backlog} replies across {@code instances} bots against
   * the emulator's 200 sendmsg/s: callbacks offered at 1 000/s, then counted at the REST proxy
   * (every {@code sendmsg} the emulator saw, and which it accepted).
   */
  static Outcome rate(Path work, IntFunction<String> store, int instances, int backlog) throws Exception {
    // -Dcluster.rateLimit=195: the bots' tim.rateLimit (the app-wide rate they reserve), e.g. a margin under 200.
    String clientRate = System.getProperty("cluster.rateLimit");
    Map<String, String> env = clientRate == null ? Map.of() : Map.of("TIM_RATE_LIMIT", clientRate);
    try (ClusterSuite c = new ClusterSuite(work, 100, instances, store, 200, JVM_ARGS, env);
        AdmissionLog admissions = AdmissionLog.watch(store.apply(0), "openim/sendmsg")) {
      c.startAll();
      int offered = 1000;
      c.stream(offered, Duration.ofMillis(backlog * 1000L / offered));
      Tally t = c.settle(Duration.ofMinutes(3));
      String admitted = admissions == null ? "" : String.format("; admitted by the app-wide window %d, most in"
          + " any 1 s window of admission (Redis clock) %d", admissions.admitted().size(),
          maxInOneSecond(admissions.admitted()));
      List<Long> attempts = new ArrayList<>(c.proxy().sendAttempts);
      List<Long> accepted = new ArrayList<>(c.proxy().sendsAccepted);
      attempts.sort(null);
      accepted.sort(null);
      int maxWindow = maxInOneSecond(attempts);
      double span = accepted.size() < 2 ? 0 : (accepted.get(accepted.size() - 1) - accepted.get(0)) / 1e9;
      double drain = span == 0 ? 0 : (accepted.size() - 1) / span;
      int refusals = c.proxy().limitRefusals.get();
      // The limiter is the bottleneck only once replies wait for it: from the first two seconds in
      // a row in which the cluster made 95% of the quota's calls (one such second alone can be a
      // bunch released by a stall of this host), to the last whole second.
      List<Integer> acceptedPerSecond = perSecond(accepted);
      List<Integer> callsPerSecond = perSecond(attempts);
      int from = 0;
      while (from + 1 < callsPerSecond.size() && (callsPerSecond.get(from) < 190 || callsPerSecond.get(from + 1) < 190)) {
        from++;
      }
      int to = Math.min(acceptedPerSecond.size(), callsPerSecond.size()) - 1; // the last second is partial
      double limited = to - from <= 0 ? 0
          : acceptedPerSecond.subList(from, to).stream().mapToInt(Integer::intValue).sum() / (double) (to - from);
      boolean met = t.clean() && maxWindow <= 200 && limited >= 190;
      System.out.println("cluster-rate: sendmsg accepted per second from the first: " + acceptedPerSecond
          + "\ncluster-rate: sendmsg calls per second from the first: " + callsPerSecond);
      return new Outcome(t, met, String.format("sendmsg calls %d (accepted %d, refused for the limit %d and retried);"
          + " most calls in any 1 s window %d; drain rate first → last accepted %.1f/s = %.1f%% of 200/s over %.1f s;"
          + " while replies waited for the limiter (seconds %d–%d) %.1f/s = %.1f%%;"
          + " failed sends surfaced (acknowledged but unanswered) %d%s", attempts.size(), accepted.size(), refusals,
          maxWindow, drain, drain / 2, span, from, to, limited, limited / 2, t.unanswered(), admitted));
    }
  }

  /**
   * {@code cluster-throughput}: callbacks offered at {@code rate}/s for {@code seconds} (after a
   * 3 s warm-up at 200/s) to 1, 2 and 3 instances on the shared store, and to one instance on the
   * embedded store, all behind HAProxy; no sendmsg limit on either side. Acknowledged callbacks per
   * second, and replies accepted by the emulator per second from the first measured callback to
   * the last reply.
   */
  static String throughput(Path work, IntFunction<String> shared, int rate, int seconds) throws Exception {
    StringBuilder out = new StringBuilder("store            instances  offered/s  acked/s  replies/s  not acked\n");
    record Config(String name, int instances, IntFunction<String> store) {}
    List<Config> configs = List.of(new Config("file: (embedded)", 1, i -> "file:" + work.resolve("file1/store" + i)),
        new Config("redis", 1, shared), new Config("redis", 2, shared), new Config("redis", 3, shared));
    int round = 0;
    for (Config cfg : configs) {
      round++;
      try (ClusterSuite c = new ClusterSuite(work.resolve("t" + round), 200, cfg.instances(), cfg.store(), 0,
          JVM_ARGS, Map.of("TIM_RATE_LIMIT", "100000"))) {
        c.startAll();
        c.stream(200, Duration.ofSeconds(3));
        c.settle(Duration.ofSeconds(30));
        int ackedBefore = c.stream.acknowledged.size();
        int refusedBefore = c.refused();
        long t0 = System.nanoTime();
        c.stream(rate, Duration.ofSeconds(seconds));
        c.stream.drain();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int acked = c.stream.acknowledged.size() - ackedBefore;
        c.settle(Duration.ofMinutes(2));
        List<Long> replies = c.proxy().sendsAccepted.stream().filter(n -> n - t0 >= 0).sorted().toList();
        double replySpan = replies.isEmpty() ? 0 : (replies.get(replies.size() - 1) - t0) / 1e9;
        out.append(String.format("%-16s %9d %10d %8.0f %10.0f %10d%n", cfg.name(), cfg.instances(), rate,
            acked / elapsed, replySpan == 0 ? 0 : replies.size() / replySpan, c.refused() - refusedBefore));
      }
    }
    return out.toString();
  }

  /** Counts per whole second from the first stamp (sorted nanoTime stamps), e.g. {@code [200, 198, …]}. */
  static List<Integer> perSecond(List<Long> sorted) {
    List<Integer> counts = new ArrayList<>();
    for (long t : sorted) {
      int second = (int) ((t - sorted.get(0)) / 1_000_000_000L);
      while (counts.size() <= second) {
        counts.add(0);
      }
      counts.set(second, counts.get(second) + 1);
    }
    return counts;
  }

  /** The largest number of calls (nanoTime stamps, sorted) within any one-second window. */
  static int maxInOneSecond(List<Long> sorted) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) >= 1_000_000_000L) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  private static String retries(HaproxyProcess h) {
    try {
      List<String> rows = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> s : h.servers().entrySet()) {
        rows.add(String.format("%s: %s sessions, %s retried, %s redispatched", s.getKey(), s.getValue().get("stot"),
            s.getValue().get("wretr"), s.getValue().get("wredis")));
      }
      return String.join(", ", rows);
    } catch (Exception e) {
      return "stats unavailable (" + e.getMessage() + ")";
    }
  }

  private static void sleepUntil(long t0, int second) throws InterruptedException {
    long wait = t0 + second * 1_000_000_000L - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  static String loadavg() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
