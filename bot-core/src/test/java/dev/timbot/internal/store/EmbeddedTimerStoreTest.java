package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.Store;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTimerStoreTest extends TimerStoreContract {
  @TempDir Path dir;

  @Override
  protected Store open() {
    return Stores.open("file:" + dir, clock);
  }

  @Override
  protected Store reopen(Store store) {
    store.close();
    return open();
  }

  @Test
  void theIndexSortsByDueTimeAcrossDigitCounts() {
    // 16 hex digits: 0x0fff… < 0x1000… as strings too.
    assertThat(EmbeddedTimers.slot(0xfffL, "z").compareTo(EmbeddedTimers.slot(0x1000L, "a"))).isNegative();
    timers().schedule("late", clock.now().plus(Duration.ofDays(400)), bytes("l"));
    timers().schedule("soon", clock.now().plusMillis(1), bytes("s"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(claim()).extracting(d -> d.key()).containsExactly("soon");
  }
}
