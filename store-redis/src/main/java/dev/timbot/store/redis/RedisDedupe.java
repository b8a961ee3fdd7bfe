package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.DedupeWindow;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The dedupe window: {@code SET NX PX} and the holder's name, atomically in one script. */
final class RedisDedupe implements DedupeWindow {
  private static final LuaScript CLAIM = LuaScript.load("dedupe-claim");

  private final RedisLink link;
  private final Keys keys;
  private final BotClock clock;

  RedisDedupe(RedisLink link, Keys keys, BotClock clock) {
    this.link = link;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public Optional<String> claim(String key, String owner, Duration ttl) {
    Duration window = Stamped.hasTtl(ttl) ? ttl : Duration.ofDays(1);
    byte[] holder = link.await(link.<byte[]>eval(CLAIM, ScriptOutputType.VALUE, List.of(keys.dedupe(key)),
        owner, Stamped.deadline(clock, window), clock.now().toEpochMilli(), Stamped.px(window)));
    return Optional.ofNullable(RedisLink.string(holder));
  }
}
