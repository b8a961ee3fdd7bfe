package dev.timbot.plugins.calls;

import dev.timbot.spi.Store;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CallsPluginClusterTest} with each bot's shared state and timers on its own connection to one real redis-server. */
class CallsPluginClusterOnRedisTest extends CallsPluginClusterTest {
  @RegisterExtension
  static final RedisFixture REDIS = new RedisFixture();
  final Map<String, Store> connections = new HashMap<>();

  @Override
  Store sharedStoreFor(String name) {
    return connections.computeIfAbsent(name, n -> {
      Store s = REDIS.open(clock);
      opened.add(s);
      return s;
    });
  }
}
