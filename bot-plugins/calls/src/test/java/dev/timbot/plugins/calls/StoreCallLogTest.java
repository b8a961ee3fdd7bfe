package dev.timbot.plugins.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call log's keys: one sequence for every process sharing the store, following an older log. */
class StoreCallLogTest {
  final VirtualClock clock = new VirtualClock();

  static CallRecord record(String caller) {
    Instant t = Instant.parse("2026-12-05T00:00:00Z");
    return new CallRecord("id-" + caller, CallProtocol.LEGACY_V3, MediaType.AUDIO, "7", caller, List.of("agent1"),
        null, t, null, t, 0, CallOutcome.CANCELLED, "caller cancelled");
  }

  @Test
  void twoLogsOnOneStoreNeverWriteOneKeyTwice_andALogWithoutItsSequenceKeyGoesOnAfterItsLastCall() {
    try (Store store = Stores.open("memory:", clock)) {
      Store.KeyedState kv = store.state(StoreCallLog.NAMESPACE);
      kv.put(StoreCallLog.PREFIX + String.format("%019d", 41), "{}".getBytes(StandardCharsets.UTF_8), null); // older log
      StoreCallLog a = new StoreCallLog(() -> store.state(StoreCallLog.NAMESPACE));
      StoreCallLog b = new StoreCallLog(() -> store.state(StoreCallLog.NAMESPACE));
      a.record(record("alice"));
      b.record(record("bob"));
      a.record(record("carol"));
      assertThat(kv.keys(StoreCallLog.PREFIX)).extracting(k -> Long.parseLong(k.substring(StoreCallLog.PREFIX.length())))
          .containsExactly(41L, 42L, 43L, 44L);
      assertThat(new String(kv.get(StoreCallLog.PREFIX + String.format("%019d", 43)).orElseThrow(), StandardCharsets.UTF_8))
          .contains("\"caller\":\"bob\"");
    }
  }
}
