package dev.timbot.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.Session;
import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import dev.timbot.spi.BotClock.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSessionStoreTest {
  @TempDir Path dir;
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));

  record Cart(String customer, List<String> items) {}

  @Test
  void sessionsSurviveARestartAndExpireAfterTheirTtl() {
    try (Store store = Stores.open("file:" + dir, clock)) {
      StoredSessionStore sessions = new StoredSessionStore(() -> store.state("sessions"), Duration.ofMinutes(30), clock);
      Session s = sessions.session("C2Calice");
      s.put("step", "address");
      s.put("cart", new Cart("alice", List.of("tea", "cups")));
      s.put("callback", (Runnable) () -> {}); // not storable: stays in memory only
      sessions.session("C2Cbob").put("step", "done");
      store.state("sessions").flush().join();
    }
    try (Store store = Stores.open("file:" + dir, clock)) {
      StoredSessionStore sessions = new StoredSessionStore(() -> store.state("sessions"), Duration.ofMinutes(30), clock);
      Session s = sessions.session("C2Calice");
      assertThat(s.get("step", String.class)).contains("address");
      assertThat(s.get("cart", Cart.class)).contains(new Cart("alice", List.of("tea", "cups")));
      assertThat(s.get("callback", Runnable.class)).isEmpty();
      assertThat(s.get("step", Integer.class)).isEmpty();
      clock.advance(Duration.ofMinutes(31));
      StoredSessionStore later = new StoredSessionStore(() -> store.state("sessions"), Duration.ofMinutes(30), clock);
      assertThat(later.session("C2Cbob").keys()).isEmpty();
    }
  }

  @Test
  void invalidateAndClearRemoveTheStoredCopy() {
    try (Store store = Stores.open("file:" + dir, clock)) {
      StoredSessionStore sessions = new StoredSessionStore(() -> store.state("sessions"), Duration.ofMinutes(30), clock);
      sessions.session("C2Calice").put("a", 1);
      sessions.session("C2Cbob").put("b", 2);
      sessions.invalidate("C2Calice");
      sessions.session("C2Cbob").clear();
      assertThat(store.state("sessions").keys("")).isEmpty();
    }
  }

  @Test
  void aConversationThatComesBackFromAnotherProcessIsReadAgain() {
    try (Store store = Stores.open("file:" + dir, clock)) {
      StoredSessionStore here = new StoredSessionStore(() -> store.state("sessions"), Duration.ofMinutes(30), clock);
      StoredSessionStore there = new StoredSessionStore(() -> store.state("sessions"), Duration.ofMinutes(30), clock);
      here.session("C2Calice").put("step", "address");
      there.session("C2Calice").put("step", "payment"); // the conversation moved and went on elsewhere
      assertThat(here.session("C2Calice").get("step", String.class)).as("cached").contains("address");
      here.forgetCached();
      assertThat(here.session("C2Calice").get("step", String.class)).contains("payment");
    }
  }
}
