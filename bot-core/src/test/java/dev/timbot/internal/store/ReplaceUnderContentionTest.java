package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import dev.timbot.spi.Store.KeyedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyedState#replace} under contention: every success is a real replacement. Counted with
 * a compare-and-set counter: the successes must add up to the counter's final value.
 */
class ReplaceUnderContentionTest {
  static byte[] b(int n) {
    return Integer.toString(n).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theMemoryStoreNeverReportsAReplacementItDidNotMake() throws InterruptedException {
    try (Store store = new MemoryStore(BotClock.system())) {
      KeyedState s = store.state("counter");
      s.replace("n", null, b(0), null);
      AtomicInteger successes = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(startThread(() -> {
          for (int i = 0; i < 3000; i++) {
            byte[] seen = s.get("n").orElseThrow();
            int n = Integer.parseInt(new String(seen, StandardCharsets.UTF_8));
            if (s.replace("n", seen, b(n + 1), null)) {
              successes.incrementAndGet();
            }
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      int finalValue = Integer.parseInt(new String(s.get("n").orElseThrow(), StandardCharsets.UTF_8));
      assertThat(successes.get()).isEqualTo(finalValue);
    }
  }

  private static Thread startThread(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }
}
