package dev.timbot.store.redis;

import static dev.timbot.store.redis.TwoProcesses.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.Store.KeyedState;
import dev.timbot.store.redis.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Keyed state seen by two processes: values are shared, and replace() is a lock between them. */
class SharedStateTest {

  @Test
  void aLockTakenWithReplaceIsHeldByOneProcessAtATime() {
    try (RedisServer redis = RedisServer.launch();
        RedisStore a = TwoProcesses.open(redis, "");
        RedisStore b = TwoProcesses.open(redis, "")) {
      a.state("desk").put("queue", bytes("[alice]"), null);
      assertThat(b.state("desk").get("queue")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("[alice]")));

      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      AtomicInteger entered = new AtomicInteger();
      CompletableFuture<?> ra = CompletableFuture.runAsync(() -> critical(a.state("desk"), "A", inside, overlaps, entered));
      CompletableFuture<?> rb = CompletableFuture.runAsync(() -> critical(b.state("desk"), "B", inside, overlaps, entered));
      CompletableFuture.allOf(ra, rb).join();
      assertThat(entered).hasValue(100);
      assertThat(overlaps).as("never both inside").hasValue(0);
      assertThat(a.state("desk").get("lock")).isEmpty();
    }
  }

  @Test
  void everyReplaceThatSaysItReplacedDidAcrossProcesses() {
    try (RedisServer redis = RedisServer.launch();
        RedisStore a = TwoProcesses.open(redis, "");
        RedisStore b = TwoProcesses.open(redis, "")) {
      a.state("counter").replace("n", null, bytes("0"), null);
      AtomicInteger successes = new AtomicInteger();
      CompletableFuture.allOf(
          CompletableFuture.runAsync(() -> increment(a.state("counter"), successes)),
          CompletableFuture.runAsync(() -> increment(b.state("counter"), successes))).join();
      int last = Integer.parseInt(new String(b.state("counter").get("n").orElseThrow(), StandardCharsets.UTF_8));
      assertThat(successes.get()).isEqualTo(last).isPositive();
    }
  }

  private static void increment(KeyedState s, AtomicInteger successes) {
    for (int i = 0; i < 200; i++) {
      byte[] seen = s.get("n").orElseThrow();
      int n = Integer.parseInt(new String(seen, StandardCharsets.UTF_8));
      if (s.replace("n", seen, bytes(Integer.toString(n + 1)), null)) {
        successes.incrementAndGet();
      }
    }
  }

  private static void critical(KeyedState s, String me, AtomicInteger inside, AtomicInteger overlaps, AtomicInteger entered) {
    for (int i = 0; i < 50; i++) {
      while (!s.replace("lock", null, bytes(me), Duration.ofSeconds(30))) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
      entered.incrementAndGet();
      inside.decrementAndGet();
      assertThat(s.replace("lock", bytes(me), null, null)).isTrue();
    }
  }
}
