package dev.timbot.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The full suite of RELIABILITY.md, one scenario per fresh emulator, bot and store:
 *
 * <pre>
 * mvn -B -q -pl reliability -am package -DskipTests
 * java -cp "$(cat reliability/target/classpath.txt):reliability/target/classes" dev.timbot.reliability.Main [scenario …]
 * </pre>
 *
 * Scenarios: {@code kill9} (300 msg/s, three kill -9 rounds, the last 20 acknowledged callbacks
 * delivered again after each restart), {@code outage20} and {@code outage180} (sendmsg answers
 * HTTP 500 for 20 s / 3 min while 20 msg/s arrive), {@code lost} (answers to sendmsg lost for 10 s),
 * {@code burst} (50 000 callbacks at 5 000/s, SIGTERM 5 s later, restart); and the scale-out ones
 * of {@link ClusterMain}: {@code cluster-kill9}, {@code cluster-rate}, {@code cluster-throughput}.
 *
 * <p>{@code -Dreliability.fsync=everysec} runs the single-bot scenarios on {@code
 * file:DIR?fsync=everysec} (the file forced to disk once a second): a killed process must lose
 * nothing there either, since the OS holds what was written.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty(BotProcess.LOGGING) == null) {
      System.setProperty(BotProcess.LOGGING, "reliability-logback.xml");
    }
    List<String> scenarios = args.length == 0 ? List.of("kill9", "outage20", "outage180", "lost", "burst") : List.of(args);
    Path base = Files.createTempDirectory("timbot-reliability");
    boolean allClean = true;
    for (String s : scenarios) {
      Path work = base.resolve(s);
      if (s.startsWith("cluster-")) {
        allClean &= ClusterMain.run(s, work);
        continue;
      }
      long t0 = System.nanoTime();
      Tally t;
      int refused;
      try (Suite suite = new Suite(work, 50, List.of("-Xmx512m"))) {
        String fsync = System.getProperty("reliability.fsync", "");
        if (!fsync.isEmpty()) {
          suite.storeUrl(suite.storeUrl() + "?fsync=" + fsync);
        }
        suite.startBot();
        t = run(s, suite);
        refused = suite.refused();
      }
      allClean &= t.clean();
      System.out.printf("RESULT %-9s %s; not acknowledged (bot down, 503, or 5 s timeout) %d; %.0f s; loadavg %s%n",
          s, t, refused,
          (System.nanoTime() - t0) / 1e9, Files.readString(Path.of("/proc/loadavg")).trim());
    }
    System.exit(allClean ? 0 : 1);
  }

  static Tally run(String scenario, Suite suite) throws Exception {
    switch (scenario) {
      case "kill9" -> {
        suite.killRounds(300, 3, Duration.ofSeconds(10), 20);
        return suite.settle(Duration.ofMinutes(5));
      }
      case "outage20", "outage180" -> {
        int seconds = scenario.equals("outage20") ? 20 : 180;
        Thread streamer = suite.streamInBackground(20, Duration.ofSeconds(seconds + 10));
        Thread.sleep(2000);
        suite.proxy().outage(Duration.ofSeconds(seconds));
        streamer.join();
        return suite.settle(Duration.ofMinutes(5));
      }
      case "lost" -> {
        Thread streamer = suite.streamInBackground(20, Duration.ofSeconds(15));
        Thread.sleep(2000);
        suite.proxy().dropAnswers(Duration.ofSeconds(10));
        streamer.join();
        return suite.settle(Duration.ofMinutes(5));
      }
      case "burst" -> {
        suite.stream(50, Duration.ofSeconds(4)); // warm up, then measure the idle heap
        suite.settle(Duration.ofSeconds(30));
        long idleLive = suite.bot().heapUsed(true);
        long idleUsed = suite.bot().heapUsed(false);
        Thread streamer = suite.streamInBackground(5000, Duration.ofSeconds(10));
        long peakUsed = 0;
        for (int i = 0; i < 16; i++) {
          Thread.sleep(250);
          peakUsed = Math.max(peakUsed, suite.bot().heapUsed(false));
        }
        long burstLive = suite.bot().heapUsed(true);
        if (Boolean.getBoolean("histogram")) {
          System.out.println("HEAP histogram at 4.5 s:\n" + suite.bot().histogram(15));
        }
        Thread.sleep(500);
        suite.bot().terminate(60);
        streamer.join();
        System.out.printf("HEAP burst: idle used %d MiB (live %d MiB); during the burst peak used %d MiB, live %d MiB"
            + " at 4.5 s%n", idleUsed >> 20, idleLive >> 20, peakUsed >> 20, burstLive >> 20);
        suite.startBot();
        return suite.settle(Duration.ofMinutes(10));
      }
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }
}
