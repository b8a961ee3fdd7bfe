package dev.timbot.store.redis;

import static dev.timbot.store.redis.TwoProcesses.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.Store.TimerStore;
import dev.timbot.spi.Store.TimerStore.Due;
import dev.timbot.store.redis.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timers on Redis seen by two processes: each due timer goes to one, and comes back if it dies
 * (the single-process contract is {@link RedisTimerStoreTest}).
 */
class SharedTimersTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void aDueTimerIsClaimedByOneProcessAndAgainOnlyAfterItsLease() {
    try (RedisServer redis = RedisServer.launch();
        RedisStore a = TwoProcesses.open(redis, "");
        RedisStore b = TwoProcesses.open(redis, "")) {
      TimerStore ta = a.timers();
      TimerStore tb = b.timers();
      for (int i = 0; i < 10; i++) {
        ta.schedule("ask:C2Cuser" + i, T0.plusSeconds(i), bytes("p" + i));
      }
      ta.schedule("later", T0.plusSeconds(3600), bytes("x"));
      assertThat(tb.claimDue(T0.minusSeconds(1), LEASE, 100)).isEmpty();

      List<Due> byA = ta.claimDue(T0.plusSeconds(9), LEASE, 4);
      List<Due> byB = tb.claimDue(T0.plusSeconds(9), LEASE, 100);
      assertThat(byA).extracting(Due::key).containsExactly("ask:C2Cuser0", "ask:C2Cuser1", "ask:C2Cuser2", "ask:C2Cuser3");
      assertThat(byB).hasSize(6).extracting(Due::key).doesNotContainAnyElementsOf(byA.stream().map(Due::key).toList());
      assertThat(byA.get(0).at()).isEqualTo(T0);
      assertThat(new String(byA.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("p0");

      byB.forEach(d -> tb.done(d.key(), d.claim()));
      // A "dies" with its four: they are due again when the lease ends, for whoever polls.
      assertThat(tb.claimDue(T0.plusSeconds(9).plus(LEASE).minusMillis(1), LEASE, 100)).isEmpty();
      List<Due> again = tb.claimDue(T0.plusSeconds(9).plus(LEASE), LEASE, 100);
      assertThat(again).extracting(Due::key).containsExactlyElementsOf(byA.stream().map(Due::key).toList());
      assertThat(again).extracting(Due::claim).doesNotContainAnyElementsOf(byA.stream().map(Due::claim).toList());

      // The late report of the dead claim removes nothing; the current claim's does.
      ta.done(again.get(0).key(), byA.get(0).claim());
      tb.done(again.get(1).key(), again.get(1).claim());
      List<Due> afterThat = tb.claimDue(T0.plusSeconds(9).plus(LEASE).plus(LEASE), LEASE, 100);
      assertThat(afterThat).extracting(Due::key).containsExactly("ask:C2Cuser0", "ask:C2Cuser2", "ask:C2Cuser3");
    }
  }
}
