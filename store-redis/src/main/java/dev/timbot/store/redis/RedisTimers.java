package dev.timbot.store.redis;

import dev.timbot.spi.Store.TimerStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Timers: a sorted set of keys by due time (bot-clock ms) and a hash per timer (due time, payload,
 * current claim). Claiming moves a due key's score to the end of its lease, so a timer whose
 * process died before {@link #done} is due again then.
 */
final class RedisTimers implements TimerStore {
  private static final LuaScript SCHEDULE = LuaScript.load("timer-schedule");
  private static final LuaScript CANCEL = LuaScript.load("timer-cancel");
  private static final LuaScript CLAIM = LuaScript.load("timer-claim");
  private static final LuaScript DONE = LuaScript.load("timer-done");

  private final RedisLink link;
  private final Keys keys;

  RedisTimers(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  @Override
  public void schedule(String key, Instant at, byte[] payload) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a timer key must not be empty");
    }
    Objects.requireNonNull(at, "a timer needs a due time");
    Objects.requireNonNull(payload, "a timer payload must not be null (use an empty array)");
    link.await(link.eval(SCHEDULE, ScriptOutputType.INTEGER, List.of(keys.timersDue(), keys.timerPrefix() + key),
        key, at.toEpochMilli(), payload));
  }

  @Override
  public boolean cancel(String key) {
    Long n = link.await(link.<Long>eval(CANCEL, ScriptOutputType.INTEGER,
        List.of(keys.timersDue(), keys.timerPrefix() + key), key));
    return n != null && n == 1;
  }

  @Override
  public List<Due> claimDue(Instant now, Duration lease, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<Object> flat = link.await(link.<List<Object>>eval(CLAIM, ScriptOutputType.MULTI,
        List.of(keys.timersDue(), keys.timerClaims()), now.toEpochMilli(), Math.max(1, lease.toMillis()), limit,
        keys.timerPrefix()));
    List<Due> out = new ArrayList<>(flat.size() / 4);
    for (int i = 0; i + 3 < flat.size(); i += 4) {
      out.add(new Due(RedisLink.string(flat.get(i)), Instant.ofEpochMilli(RedisLink.number(flat.get(i + 1))),
          RedisLink.bytes(flat.get(i + 2)), RedisLink.number(flat.get(i + 3))));
    }
    return out;
  }

  @Override
  public void done(String key, long claim) {
    link.await(link.eval(DONE, ScriptOutputType.INTEGER, List.of(keys.timersDue(), keys.timerPrefix() + key),
        key, claim));
  }
}
