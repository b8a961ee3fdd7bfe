package dev.timbot.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.timbot.internal.store.StoreContract;
import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store through Redis Sentinel ({@code redis-sentinel://host:port#master}): the whole store
 * contract on the master the sentinel names, and a failover: the master is stopped, the sentinel
 * promotes its replica, and the same store goes on there with what was written before.
 */
class RedisSentinelTest extends StoreContract {
  static final String MASTER = "timbot";
  static RedisServer master;
  static RedisServer sentinel;

  @BeforeAll
  static void startRedis() {
    master = RedisServer.launch();
    sentinel = RedisServer.launchSentinel(master, MASTER);
  }

  @AfterAll
  static void stopRedis() {
    sentinel.close();
    master.close();
  }

  @Override
  protected Store open() {
    master.flushAll();
    return Stores.open(sentinel.sentinelUrl(MASTER), clock);
  }

  @Test
  void theUrlNamesTheSentinelsAndTheMaster() {
    try (Store store = open()) {
      assertThat(store.describe()).startsWith("redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#" + MASTER);
    }
    assertThatThrownBy(() -> Stores.open("redis-sentinel://127.0.0.1:" + sentinel.port(), clock))
        .hasMessageContaining("names its master after #");
    assertThatThrownBy(() -> Stores.open("redis://127.0.0.1:1,127.0.0.1:2", clock))
        .hasMessageContaining("several hosts are for redis-sentinel://");
  }

  @Test
  void severalSentinelsADatabaseAndAPasswordAreParsedAndThePasswordIsNeverShown() {
    RedisSettings s = RedisSettings.parse(java.net.URI.create("redis-sentinel://:pw1@10.0.0.1:26380,10.0.0.2/3?prefix=a:#m1"));
    assertThat(s.nodes()).containsExactly(new RedisSettings.Node("10.0.0.1", 26380), new RedisSettings.Node("10.0.0.2", 26379));
    assertThat(s.master()).isEqualTo("m1");
    assertThat(s.database()).isEqualTo(3);
    assertThat(s.prefix()).isEqualTo("a:");
    assertThat(s.tls()).isFalse();
    assertThat(new String(s.password())).isEqualTo("pw1");
    assertThat(s.describe()).isEqualTo("redis-sentinel://***@10.0.0.1:26380,10.0.0.2:26379/3#m1");
    assertThat(RedisSettings.parse(java.net.URI.create("rediss-sentinel://h#m")).tls()).isTrue();
  }

  @Test
  void afterAFailoverTheStoreGoesOnOnThePromotedReplica() {
    try (RedisServer primary = RedisServer.launch("--appendonly", "yes");
        RedisServer replica = RedisServer.launch("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
        RedisServer watcher = RedisServer.launchSentinel(primary, "failover");
        Store store = Stores.open("redis-sentinel://127.0.0.1:" + watcher.port() + "/0?leaseMs=1000&renewMs=200#failover",
            BotClock.system())) {
      store.state("s").put("before", bytes("kept"), Duration.ofMinutes(5));
      long first = store.journal().append("C2Calice", bytes("m1")).join();
      // Replication is asynchronous: wait until the replica holds everything written so far.
      await().atMost(Duration.ofSeconds(20)).until(() -> replica.dbSize() == primary.dbSize());
      // And until the sentinel has found the replica (from the master's INFO, every few seconds on a
      // busy machine): stopped before that, the master has nobody to fail over to.
      await().atMost(Duration.ofSeconds(30)).until(() -> watcher.sentinelReplicas("failover") > 0);

      long stopped = System.nanoTime();
      primary.stop();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> store.journal().append("C2Calice", bytes("m2")).join() > first);
      // Reported, not asserted: how long the store could not write (sentinel's 1 s down-after + election).
      System.out.printf("failover: writing again %d ms after the master stopped%n", (System.nanoTime() - stopped) / 1_000_000);
      assertThat(store.state("s").get("before")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("kept");
      store.state("s").put("after", bytes("written"), Duration.ofMinutes(5));
      assertThat(replica.dbSize()).as("the writes went to the promoted replica").isPositive();
      // The outage outlasted the 1 s lease, so the shards were dropped and are taken again.
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(store.journal().unfinished(0, 10))
          .extracting(e -> new String(e.payload(), StandardCharsets.UTF_8)).startsWith("m1").contains("m2"));
    }
  }
}
