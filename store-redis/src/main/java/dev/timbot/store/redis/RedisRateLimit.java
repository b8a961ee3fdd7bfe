package dev.timbot.store.redis;

import dev.timbot.spi.Store.SharedRateLimit;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;

/**
 * The app-wide rate: a generic cell rate script on Redis's clock. Every call of every process takes
 * the next free slot, slots {@code 1/perSecond} apart, so N processes together never exceed the
 * rate and, with a backlog, use all of it.
 */
final class RedisRateLimit implements SharedRateLimit {
  private static final LuaScript RESERVE = LuaScript.load("rate-reserve");
  private static final LuaScript ADMIT = LuaScript.load("rate-admit");
  private static final long WINDOW_MICROS = 1_000_000;

  private final RedisLink link;
  private final Keys keys;

  RedisRateLimit(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  @Override
  public Duration reserve(String key, int perSecond) {
    return Duration.ofNanos(reserveSlot(key, perSecond).waitMicros() * 1000);
  }

  /**
   * The sliding second where calls leave: a log of the calls admitted in the last second (a sorted
   * set by Redis {@code TIME}), shared by every process, so the app's calls in any second are at
   * most {@code perSecond} however late each was made after its {@link #reserve}.
   */
  @Override
  public Duration admit(String key, int perSecond) {
    positive(perSecond);
    Long waitMicros = link.await(link.<Long>eval(ADMIT, ScriptOutputType.INTEGER, List.of(keys.rate(key) + ":w"),
        perSecond, WINDOW_MICROS));
    return Duration.ofNanos(Math.max(0, waitMicros) * 1000);
  }

  /** The slot taken: when (Redis clock, µs since the epoch) and how long from now. */
  Slot reserveSlot(String key, int perSecond) {
    positive(perSecond);
    long intervalMicros = (1_000_000 + perSecond - 1) / perSecond; // rounded up: never over the rate
    List<Object> r = link.await(link.<List<Object>>eval(RESERVE, ScriptOutputType.MULTI, List.of(keys.rate(key)),
        intervalMicros));
    return new Slot(RedisLink.number(r.get(1)), Math.max(0, RedisLink.number(r.get(0))));
  }

  private static void positive(int perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("a rate must be at least 1 call per second, got " + perSecond);
    }
  }

  record Slot(long atMicros, long waitMicros) {}
}
