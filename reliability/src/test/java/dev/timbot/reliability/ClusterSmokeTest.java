package dev.timbot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The small configuration of {@code cluster-kill9} (RELIABILITY.md), for {@code mvn verify}: three
 * echo bots sharing a real redis-server behind HAProxy, messages from 30 users streamed at the one
 * callback URL, one instance kill -9'd mid-run and started again, the last 20 acknowledged
 * callbacks delivered again. Every acknowledged message is answered exactly once, and in order
 * (a killed instance's unconfirmed replies are taken over with its conversations).
 * (With an embedded store per instance instead of Redis, the same run answers the redelivered
 * callbacks twice and reverses hundreds of pairs: {@code -Dcluster.store=file}.)
 */
class ClusterSmokeTest {
  /** Kept after the run (bot, HAProxy logs) for a failure's post-mortem; replaced by the next run. */
  private final Path work = Path.of("target", "cluster-smoke");

  @Test
  void killNineOfOneInstanceLosesDuplicatesAndReordersNothing() throws Exception {
    deleteRecursively(work);
    try (SharedStore store = SharedStore.start(System.getProperty("cluster.store", "redis"))) {
      ClusterScenarios.Outcome o = ClusterScenarios.smoke(work, i -> store.url(work, i));
      Tally t = o.tally();
      System.out.println("cluster smoke (" + store.describe() + "): " + t + "; " + o.detail());
      assertThat(t.acknowledged()).isGreaterThan(1000);
      assertThat(t.unanswered()).as("acknowledged but unanswered").isZero();
      assertThat(t.duplicated()).as("answered twice").isZero();
      // Failed with 4–8 of ~1 000 pairs reversed before the outbox moved with the partitions and
      // before the pump discarded a read across a partition move.
      assertThat(t.outOfOrder()).as("same-second pairs out of order").isZero();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
