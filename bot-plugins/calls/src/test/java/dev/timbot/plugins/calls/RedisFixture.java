package dev.timbot.plugins.calls;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for a test class (a free loopback port, a temporary directory), emptied
 * before each test and stopped after the class: {@code @RegisterExtension static RedisFixture}.
 */
final class RedisFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private RedisServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RedisServer.launch();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.flushAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  /** A new connection to the server ("a process"), with TTLs on {@code clock}. */
  Store open(BotClock clock) {
    return Stores.open(server.url(), clock);
  }
}
