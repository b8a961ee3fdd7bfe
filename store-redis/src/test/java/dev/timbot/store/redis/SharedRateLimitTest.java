package dev.timbot.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.store.redis.testing.RedisServer;
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
      // With a backlog every slot is used: no gaps, so the pair runs at the full rate.
      assertThat(at.get(at.size() - 1) - at.get(0)).isEqualTo(599L * 5_000);
      long longestWait = slots.stream().mapToLong(RedisRateLimit.Slot::waitMicros).max().orElseThrow();
      assertThat(longestWait).as("the last of 600 waits about 3 s").isGreaterThan(2_500_000);
      assertThat(a.sharedRateLimit().reserve("other/api", 100)).as("another key has its own rate").isZero();
    }
  }

  private static void reserve(RedisStore s, int n, List<RedisRateLimit.Slot> into) {
    for (int i = 0; i < n; i++) {
      into.add(s.sharedRateLimit().reserveSlot("openim/sendmsg", 200));
    }
  }
}
