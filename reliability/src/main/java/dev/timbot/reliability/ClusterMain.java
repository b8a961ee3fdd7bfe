package dev.timbot.reliability;

import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Runs one scale-out scenario of {@link ClusterScenarios} on a fresh redis-server, emulator,
 * HAProxy and bots, and prints a {@code RESULT} line with the load average. With {@code
 * -Dcluster.store=file} every instance gets its own embedded store instead (not a cluster: only to
 * check the harness itself).
 */
final class ClusterMain {
  private ClusterMain() {}

  /** Returns whether the scenario met its goals. */
  static boolean run(String scenario, Path work) throws Exception {
    if (scenario.equals("cluster-desk")) { // the customer-service sample on its own local cluster
      boolean met = ClusterDesk.run(work, Integer.getInteger("cluster.instances", 3));
      System.out.printf("cluster-desk goals %s; loadavg %s%n", met ? "met" : "NOT met", ClusterScenarios.loadavg());
      return met;
    }
    if (scenario.equals("cluster-calls")) { // the sample's call relay on its own local cluster
      boolean met = ClusterCalls.run(work, Integer.getInteger("cluster.instances", 3));
      System.out.printf("cluster-calls goals %s; loadavg %s%n", met ? "met" : "NOT met", ClusterScenarios.loadavg());
      return met;
    }
    long t0 = System.nanoTime();
    try (SharedStore store = SharedStore.start(System.getProperty("cluster.store", "redis"))) {
      IntFunction<String> url = i -> store.url(work, i);
      ClusterScenarios.Outcome o;
      switch (scenario) {
        case "cluster-kill9" -> o = ClusterScenarios.kill9(work, url, 3, 100, 300, 60, 10, 25,
            ClusterScenarios.JVM_ARGS);
        case "cluster-smoke" -> o = ClusterScenarios.smoke(work, url);
        case "cluster-rate" -> o = ClusterScenarios.rate(work, url, 3, 5000);
        case "cluster-throughput" -> {
          int rate = Integer.getInteger("cluster.rate", 3000);
          String table = ClusterScenarios.throughput(work, url, rate, Integer.getInteger("cluster.seconds", 10));
          System.out.printf("RESULT %s (%s)%n%s%.0f s; loadavg %s%n", scenario, store.describe(), table,
              (System.nanoTime() - t0) / 1e9, ClusterScenarios.loadavg());
          return true;
        }
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      }
      System.out.printf("RESULT %s (%s) %s; %s; goals %s; %.0f s; loadavg %s%n", scenario, store.describe(), o.tally(),
          o.detail(), o.goalsMet() ? "met" : "NOT met", (System.nanoTime() - t0) / 1e9, ClusterScenarios.loadavg());
      return o.goalsMet();
    }
  }
}
