package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.KeyedState;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Keyed values of one namespace: one Redis key per entry ({@code SET … PX}) plus a sorted set of
 * the namespace's keys (one score, so Redis keeps them in key order) for {@link #keys}. A write is
 * in Redis when the call returns; how durable that is depends on Redis's persistence ({@code
 * appendonly yes} for the store's promises).
 */
final class RedisKeyedState implements KeyedState {
  private static final LuaScript PUT = LuaScript.load("state-put");
  private static final LuaScript REMOVE = LuaScript.load("state-remove");
  private static final LuaScript KEYS = LuaScript.load("state-keys");
  private static final LuaScript REPLACE = LuaScript.load("state-replace");

  private final RedisLink link;
  private final BotClock clock;
  private final String valuePrefix;
  private final String index;

  RedisKeyedState(RedisLink link, Keys keys, String namespace, BotClock clock) {
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("a state namespace must not be blank");
    }
    this.link = link;
    this.clock = clock;
    this.valuePrefix = keys.stateValuePrefix(namespace);
    this.index = keys.stateIndex(namespace);
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] stored = link.call(c -> c.get(valuePrefix + key));
    return stored == null ? Optional.empty() : Optional.ofNullable(Stamped.unwrapLive(stored, clock.now().toEpochMilli()));
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    long px = Stamped.hasTtl(ttl) ? Stamped.px(ttl) : 0;
    link.await(link.eval(PUT, ScriptOutputType.INTEGER, List.of(valuePrefix + key, index),
        Stamped.wrap(Stamped.deadline(clock, ttl), value), px, key));
  }

  @Override
  public boolean remove(String key) {
    Long live = link.await(link.<Long>eval(REMOVE, ScriptOutputType.INTEGER, List.of(valuePrefix + key, index),
        key, clock.now().toEpochMilli()));
    return live != null && live == 1;
  }

  @Override
  public boolean replace(String key, byte[] expected, byte[] value, Duration ttl) {
    long px = Stamped.hasTtl(ttl) ? Stamped.px(ttl) : 0;
    Long done = link.await(link.<Long>eval(REPLACE, ScriptOutputType.INTEGER, List.of(valuePrefix + key, index),
        expected != null ? 1 : 0, expected != null ? expected : new byte[0], value != null ? 1 : 0,
        value != null ? value : new byte[0], clock.now().toEpochMilli(), px, Stamped.deadline(clock, ttl), key));
    return done != null && done == 1;
  }

  @Override
  public List<String> keys(String prefix) {
    List<Object> found = link.await(link.<List<Object>>eval(KEYS, ScriptOutputType.MULTI, List.of(index),
        valuePrefix, prefix, clock.now().toEpochMilli()));
    List<String> out = new ArrayList<>(found.size());
    found.forEach(k -> out.add(RedisLink.string(k)));
    return out;
  }

  /** Every write is in Redis once its call returned. */
  @Override
  public CompletableFuture<Void> flush() {
    return CompletableFuture.completedFuture(null);
  }
}
