package dev.timbot.plugins.calls;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** {@link CallsPluginClusterTest} with each bot's shared state and timers on its own connection to one real redis-server. */
class CallsPluginClusterOnRedisTest extends CallsPluginClusterTest {
  static RedisServer redis;
  final Map<String, Store> connections = new HashMap<>();

  @BeforeAll
  static void launch() {
    redis = RedisServer.launch();
  }

  @AfterAll
  static void shutDown() {
    redis.close();
  }

  @BeforeEach
  void flush() {
    redis.flushAll();
  }

  @Override
  Store sharedStoreFor(String name) {
    return connections.computeIfAbsent(name, n -> {
      Store s = Stores.open(redis.url(), clock);
      opened.add(s);
      return s;
    });
  }
}
