package dev.timbot.plugins.calls;

import dev.timbot.spi.Store;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CallRelayClusterTest} with each process on its own connection to one real {@code
 * redis-server}: the relay relies on the store's contracts only (compare-and-set, durable
 * timers), so the same scenarios must hold.
 */
class CallRelayClusterOnRedisTest extends CallRelayClusterTest {
  @RegisterExtension
  static final RedisFixture REDIS = new RedisFixture();
  final Map<String, Store> connections = new HashMap<>();

  @Override
  Store openStore() {
    return REDIS.open(clock);
  }

  @Override
  Store storeOf(String name) {
    return name.equals("A") ? store : connections.computeIfAbsent(name, n -> REDIS.open(clock));
  }

  @Override
  @AfterEach
  void close() {
    super.close();
    connections.values().forEach(Store::close);
  }
}
