package dev.timbot.plugins.service;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link DeskClusterTest} with each process on its own connection to one real {@code
 * redis-server} (started on a free loopback port, stopped after): the desk relies on the store's
 * contracts only, so the same scenarios must hold.
 */
class DeskClusterOnRedisTest extends DeskClusterTest {
  static RedisServer redis;
  final Map<String, Store> others = new HashMap<>();

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
  Store.KeyedState keysOf(String name) {
    if (name.equals("A")) {
      return kv;
    }
    return others.computeIfAbsent(name, n -> Stores.open(redis.url(), clock)).state(KeyedStateDeskStore.NAMESPACE);
  }

  @Override
  @AfterEach
  void close() {
    super.close();
    others.values().forEach(Store::close);
  }
}
