package dev.timbot.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.store.redis.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The app-wide rate: two processes reserving together stay at the rate, and use all of it. */
class SharedRateLimitTest {

  @Test
  void twoProcessesAt200PerSecondTogetherGetSlotsThatKeepTheSumAt200() {
    try (RedisServer redis = RedisServer.launch();
        RedisStore a = TwoProcesses.open(redis, "");
        RedisStore b = TwoProcesses.open(redis, "")) {
      assertThat(a.rateLimit()).isPresent();
      List<RedisRateLimit.Slot> slots = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<?> ra = CompletableFuture.runAsync(() -> reserve(a, 300, slots));
      CompletableFuture<?> rb = CompletableFuture.runAsync(() -> reserve(b, 300, slots));
      CompletableFuture.allOf(ra, rb).join();

      List<Long> at = slots.stream().map(RedisRateLimit.Slot::atMicros).sorted().toList();
      assertThat(at).hasSize(600).doesNotHaveDuplicates();
      for (int i = 1; i < at.size(); i++) {
        assertThat(at.get(i) - at.get(i - 1)).as("slots 1/200 s apart").isGreaterThanOrEqualTo(5_000);
      }
      for (int i = 200; i < at.size(); i++) {
        assertThat(at.get(i) - at.get(i - 200)).as("at most 200 slots in any second").isGreaterThanOrEqualTo(1_000_000);
      }
      // Whether every slot is used (no gaps) depends on how fast this box makes the 600 calls, so it
      // is measured by the reliability suite's cluster-rate scenario, not asserted here.
      assertThat(a.sharedRateLimit().reserve("other/api", 100)).as("another key has its own rate").isZero();
    }
  }

  @Test
  void theWindowWhereCallsLeaveIsSharedByTwoProcessesAndCountsOnlyAdmittedCalls() throws Exception {
    try (RedisServer redis = RedisServer.launch();
        RedisStore a = TwoProcesses.open(redis, "");
        RedisStore b = TwoProcesses.open(redis, "")) {
      for (int i = 0; i < 20; i++) {
        assertThat((i % 2 == 0 ? a : b).sharedRateLimit().admit("openim/sendmsg", 20)).as("call " + i).isZero();
      }
      Duration wait = a.sharedRateLimit().admit("openim/sendmsg", 20);
      assertThat(wait).as("the 21st in one second waits for the oldest to leave")
          .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(b.sharedRateLimit().admit("openim/sendmsg", 20)).as("for the other process too").isPositive();
      assertThat(a.sharedRateLimit().admit("other/api", 20)).as("another key has its own window").isZero();
      // A refused call is not counted: once the wait (on Redis's clock) is over, one more may go.
      Thread.sleep(wait.toMillis() + 1);
      assertThat(b.sharedRateLimit().admit("openim/sendmsg", 20)).isZero();
      assertThatThrownBy(() -> a.sharedRateLimit().admit("openim/sendmsg", 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void reserve(RedisStore s, int n, List<RedisRateLimit.Slot> into) {
    for (int i = 0; i < n; i++) {
      into.add(s.sharedRateLimit().reserveSlot("openim/sendmsg", 200));
    }
  }
}
