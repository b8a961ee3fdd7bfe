package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import dev.timbot.spi.Store.KeyedState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KeyedState#replace}: compare-and-set, the building block of a lease-style lock. */
class KeyedStateReplaceTest {
  @TempDir Path dir;
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));

  Store open(String kind) {
    return Stores.open(kind.equals("memory") ? "memory:" : "file:" + dir, clock);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void aLockIsTakenOnceGivenBackByItsOwnerAndFreeAgainAfterItsLease(String kind) {
    try (Store store = open(kind)) {
      KeyedState s = store.state("desk");
      assertThat(s.replace("lock", null, b("A"), Duration.ofSeconds(10))).isTrue();
      assertThat(s.replace("lock", null, b("B"), Duration.ofSeconds(10))).as("held by A").isFalse();
      assertThat(s.replace("lock", b("B"), null, null)).as("only the owner gives it back").isFalse();
      assertThat(s.get("lock")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("A")));
      clock.advance(Duration.ofSeconds(11));
      assertThat(s.replace("lock", null, b("B"), Duration.ofSeconds(10))).as("A's lease ended").isTrue();
      assertThat(s.replace("lock", b("B"), null, null)).isTrue();
      assertThat(s.get("lock")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void aVersionMovesOnlyFromTheValueTheWriterSaw(String kind) {
    try (Store store = open(kind)) {
      KeyedState s = store.state("desk");
      assertThat(s.replace("version", null, b("1"), null)).isTrue();
      assertThat(s.replace("version", b("1"), b("2"), null)).isTrue();
      assertThat(s.replace("version", b("1"), b("2b"), null)).as("a stale writer").isFalse();
      assertThat(new String(s.get("version").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("2");
      assertThat(store.state("other").replace("version", null, b("x"), null)).as("namespaces apart").isTrue();
    }
  }
}
