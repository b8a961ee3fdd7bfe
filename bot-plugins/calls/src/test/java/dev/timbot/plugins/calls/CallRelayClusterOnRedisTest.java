package dev.timbot.plugins.calls;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link CallRelayClusterTest} with each process on its own connection to one real {@code
 * redis-server} (started on a free loopback port, stopped after): the relay relies on the store's
 * contracts only (compare-and-set, durable timers), so the same scenarios must hold.
 */
class CallRelayClusterOnRedisTest extends CallRelayClusterTest {
  static RedisServer redis;
  final java.util.Map<String, Store> connections = new java.util.HashMap<>();

  @BeforeAll
  static void launch() {
    redis = RedisServer.launch();
  }

  @AfterAll
  static void shutDown() {
    redis.close();
  }

  @Override
  Store openStore() {
    redis.flushAll();
    return Stores.open(redis.url(), clock);
  }

  @Override
  Store storeOf(String name) {
    return name.equals("A") ? store : connections.computeIfAbsent(name, n -> Stores.open(redis.url(), clock));
  }

  @Override
  @org.junit.jupiter.api.AfterEach
  void close() {
    super.close();
    connections.values().forEach(Store::close);
  }
}
