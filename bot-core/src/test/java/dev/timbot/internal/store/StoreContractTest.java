package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.spi.Store.KeyedState;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every store must do; the embedded one also across a close and reopen. */
class StoreContractTest {
  @TempDir Path dir;
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));

  Store open(String kind) {
    return Stores.open(kind.equals("memory") ? "memory:" : "file:" + dir, clock);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void journalKeepsUnfinishedEntriesInOrder(String kind) {
    try (Store store = open(kind)) {
      InboxJournal j = store.journal();
      List<CompletableFuture<Long>> ids = new ArrayList<>();
      IntStream.range(0, 5).forEach(i -> ids.add(j.append("p", bytes("cb" + i))));
      List<Long> got = ids.stream().map(CompletableFuture::join).toList();
      assertThat(got).isSorted().doesNotHaveDuplicates();
      j.finish(got.get(1));
      j.finish(got.get(3));
      assertThat(j.backlog()).isEqualTo(3);
      assertThat(j.unfinished(0, 10)).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
          .containsExactly("cb0", "cb2", "cb4");
      assertThat(j.unfinished(got.get(0), 1)).extracting(InboxJournal.Entry::id).containsExactly(got.get(2));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void dedupeClaimsExpireOnTheClock(String kind) {
    try (Store store = open(kind)) {
      assertThat(store.dedupe().claim("key:a", "j1", Duration.ofMinutes(10))).isEmpty();
      assertThat(store.dedupe().claim("key:a", "j2", Duration.ofMinutes(10))).contains("j1");
      clock.advance(Duration.ofMinutes(11));
      assertThat(store.dedupe().claim("key:a", "j2", Duration.ofMinutes(10))).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void outboxRecordsOncePerIdAndCountsSequencesPerConversation(String kind) {
    try (Store store = open(kind)) {
      OutboxStore o = store.outbox();
      assertThat(o.nextSeq("C2Calice")).isEqualTo(1);
      assertThat(o.nextSeq("C2Calice")).isEqualTo(2);
      assertThat(o.nextSeq("C2Cbob")).isEqualTo(1);
      Entry first = entry("j1#0", 7, 1234);
      assertThat(o.record(first).join().msgRandom()).isEqualTo(1234);
      Entry again = o.record(entry("j1#0", 8, 999)).join();
      assertThat(again.msgSeq()).isEqualTo(7);
      assertThat(again.msgRandom()).isEqualTo(1234);
      o.update(again.withState(State.DEAD, 3, null, "93000 too long")).join();
      assertThat(o.list(State.DEAD, 10)).extracting(Entry::lastError).containsExactly("93000 too long");
      assertThat(o.list(State.PENDING, 10)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void keyedStateHonoursTtlAndPrefixes(String kind) {
    try (Store store = open(kind)) {
      KeyedState s = store.state("sessions");
      s.put("C2Calice", bytes("a"), Duration.ofMinutes(30));
      s.put("C2Cbob", bytes("b"), null);
      s.put("GROUP@x", bytes("g"), null);
      assertThat(store.state("other").keys("")).isEmpty();
      assertThat(s.keys("C2C")).containsExactly("C2Calice", "C2Cbob");
      clock.advance(Duration.ofMinutes(31));
      assertThat(s.get("C2Calice")).isEmpty();
      assertThat(s.get("C2Cbob")).map(String::new).contains("b");
      assertThat(s.remove("C2Cbob")).isTrue();
      assertThat(s.keys("")).containsExactly("GROUP@x");
    }
  }

  @Test
  void embeddedStoreKeepsEverythingAcrossReopen() {
    long lastId;
    try (Store store = open("file")) {
      long a = store.journal().append("p", bytes("first")).join();
      lastId = store.journal().append("p", bytes("second")).join();
      store.journal().finish(a);
      store.dedupe().claim("id:1", "j" + lastId, Duration.ofMinutes(10));
      store.outbox().nextSeq("C2Calice");
      store.outbox().record(entry("j2#0", 1, 42)).join();
      store.state("plugin.desk").put("queue", bytes("[alice]"), null);
      store.state("plugin.desk").flush().join();
    }
    try (Store store = open("file")) {
      assertThat(store.journal().unfinished(0, 10)).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
          .containsExactly("second");
      assertThat(store.journal().append("p", bytes("third")).join()).isGreaterThan(lastId);
      assertThat(store.dedupe().claim("id:1", "j99", Duration.ofMinutes(10))).contains("j" + lastId);
      assertThat(store.outbox().nextSeq("C2Calice")).isEqualTo(2);
      assertThat(store.outbox().list(State.PENDING, 10)).extracting(Entry::id).containsExactly("j2#0");
      assertThat(store.state("plugin.desk").get("queue")).map(String::new).contains("[alice]");
    }
  }

  @Test
  void idsDoNotRepeatAfterEverythingWasFinished() {
    long last;
    try (Store store = open("file")) {
      last = store.journal().append("p", bytes("x")).join();
      store.journal().finish(last);
    }
    try (Store store = open("file")) {
      assertThat(store.journal().append("p", bytes("y")).join()).isGreaterThan(last);
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryFailsClearly() {
    try (Store store = open("file")) {
      assertThatThrownBy(() -> open("file")).hasMessageContaining("another bot");
    }
  }

  @Test
  void badUrlsAreNamed() {
    assertThatThrownBy(() -> Stores.open("nonsense", clock)).hasMessageContaining("store.url");
    assertThatThrownBy(() -> Stores.open("redis://u:secret@h:6379", clock))
        .hasMessageContaining("redis").hasMessageNotContaining("secret");
  }

  @Test
  void doneOutboxEntriesAreForgottenAfterTheirKeepTime() {
    try (EmbeddedStore store = (EmbeddedStore) open("file")) {
      store.outbox().record(entry("j1#0", 1, 1)).join();
      store.outbox().done("j1#0", Duration.ofMinutes(5));
      assertThat(store.outbox().get("j1#0")).map(Entry::state).contains(State.DONE);
      clock.advance(Duration.ofMinutes(6));
      ((EmbeddedOutbox) store.outbox()).sweep();
      assertThat(store.outbox().get("j1#0")).isEmpty();
    }
  }

  private Entry entry(String id, long seq, long rnd) {
    return new Entry(id, "C2Calice", seq, rnd, bytes("{}"), State.PENDING, 0, clock.now(), clock.now(), null);
  }
}
