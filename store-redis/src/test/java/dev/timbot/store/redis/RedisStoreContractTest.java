package dev.timbot.store.redis;

import dev.timbot.internal.store.StoreContract;
import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real redis-server, opened by configuration alone (store.url). */
class RedisStoreContractTest extends StoreContract {
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.launch();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected Store open() {
    redis.flushAll();
    return Stores.open(redis.url(), clock);
  }
}
