package dev.timbot.store.redis;

import dev.timbot.internal.store.Stores;
import dev.timbot.internal.store.TimerStoreContract;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The timer contract on a real redis-server; a reopen is another process on the same Redis. */
class RedisTimerStoreTest extends TimerStoreContract {
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

  @Override
  protected Store reopen(Store store) {
    store.close();
    return Stores.open(redis.url(), clock);
  }
}
