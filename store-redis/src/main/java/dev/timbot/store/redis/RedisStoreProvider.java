package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.net.URI;
import java.util.Set;

/**
 * The Redis store, found by {@link java.util.ServiceLoader} for {@code store.url: redis://…} and
 * {@code rediss://…} (environment {@code TIMBOT_STORE}) once this module is on the class path:
 * {@code redis://[user:password@]host[:port][/db][?shards=16&prefix=timbot:&leaseMs=6000&renewMs=2000&timeoutMs=2000]},
 * or through Sentinel {@code redis-sentinel://host:port[,host:port…][/db]#master} (see {@link RedisSettings}).
 * Several bot processes of one app share it: each conversation is handled by one process at a
 * time, in order, and a dead process's conversations move to the living within about {@code
 * leaseMs + renewMs}. Run Redis with {@code appendonly yes} for the store's durability promises.
 */
public final class RedisStoreProvider implements Store.Provider {

  @Override
  public Set<String> schemes() {
    return RedisSettings.SCHEMES;
  }

  @Override
  public Store open(URI url, BotClock clock) {
    return new RedisStore(RedisSettings.parse(url), clock);
  }
}
