package dev.timbot.plugins.service;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The shared-desk tests with each process on its own connection to one real {@code redis-server}
 * (started on a free loopback port, emptied before each test, stopped after): the desk relies on
 * the store's contracts only, so the same scenarios must hold.
 */
class DeskClusterOnRedisTest {
  static RedisServer redis;

  @BeforeAll
  static void launch() {
    redis = RedisServer.launch();
  }

  @AfterAll
  static void shutDown() {
    redis.close();
  }

  @BeforeEach
  void empty() {
    redis.flushAll();
  }

  /** {@link DeskClusterTest} on Redis. */
  @Nested
  class Desk extends DeskClusterTest {
    @Override
    Store connect() {
      return Stores.open(redis.url(), clock);
    }
  }

  /** {@link OffersClusterTest} on Redis. */
  @Nested
  class Offers extends OffersClusterTest {
    @Override
    Store connect() {
      return Stores.open(redis.url(), clock);
    }
  }
}
