package dev.timbot.store.redis;

import static org.awaitility.Awaitility.await;

import dev.timbot.store.redis.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long a killed process's shards take to move with the default lease (6 s) and renewal (2 s)
 * (not a unit test: run with {@code -Dbench=true}). Expected: at most lease + renewal = 8 s.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class HandoverBench {

  @Test
  void killedProcessesShardsMoveWithinLeasePlusRenewal() {
    try (RedisServer redis = RedisServer.launch()) {
      for (int round = 0; round < 3; round++) {
        redis.flushAll();
        RedisStore a = TwoProcesses.open(redis, "");
        try (RedisStore b = TwoProcesses.open(redis, "")) {
          TwoProcesses.awaitShares(a, 8, b, 8);
          long killed = System.nanoTime();
          a.abandon();
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
              .until(() -> b.redisJournal().leases().readable().size() == 16);
          System.out.printf("BENCH handover after kill: %d ms (lease 6000 ms, renew 2000 ms)%n",
              (System.nanoTime() - killed) / 1_000_000);
          RedisStore c = TwoProcesses.open(redis, "");
          long joined = System.nanoTime();
          TwoProcesses.awaitShares(b, 8, c, 8);
          System.out.printf("BENCH rebalance after a process joins: %d ms%n", (System.nanoTime() - joined) / 1_000_000);
          c.close();
        }
      }
    }
  }
}
