package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract for {@code file:}, and what the embedded store adds: everything across a close and reopen. */
class EmbeddedStoreContractTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected Store open() {
    return Stores.open("file:" + dir, clock);
  }

  @Test
  void embeddedStoreKeepsEverythingAcrossReopen() {
    long lastId;
    try (Store store = open()) {
      long a = store.journal().append("p", bytes("first")).join();
      lastId = store.journal().append("p", bytes("second")).join();
      store.journal().finish(a);
      store.dedupe().claim("id:1", "j" + lastId, Duration.ofMinutes(10));
      store.outbox().nextSeq("C2Calice");
      store.outbox().record(entry("j2#0", 1, 42)).join();
      store.state("plugin.desk").put("queue", bytes("[alice]"), null);
      store.state("plugin.desk").flush().join();
    }
    try (Store store = open()) {
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
    try (Store store = open()) {
      last = store.journal().append("p", bytes("x")).join();
      store.journal().finish(last);
    }
    try (Store store = open()) {
      assertThat(store.journal().append("p", bytes("y")).join()).isGreaterThan(last);
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryFailsClearly() {
    try (Store store = open()) {
      assertThatThrownBy(() -> open()).hasMessageContaining("another bot");
    }
  }

  @Test
  void badUrlsAreNamed() {
    assertThatThrownBy(() -> Stores.open("nonsense", clock)).hasMessageContaining("store.url");
    assertThatThrownBy(() -> Stores.open("redis://u:secret@h:6379", clock))
        .hasMessageContaining("redis").hasMessageNotContaining("secret");
  }

  /**
   * A done mark and its forget time reach their trees together, and so do the sweep's two removals:
   * held beside the outbox's tree (WriteBehindMap) while the forget time is written at once, a
   * checkpoint could keep a forget time beside a record without its mark, or a done record whose
   * forget time is gone — never swept (review37).
   */
  @Test
  void doneOutboxEntriesAreForgottenAfterTheirKeepTime() {
    try (EmbeddedStore store = (EmbeddedStore) open()) {
      org.h2.mvstore.MVMap<String, byte[]> outbox = TypedMaps.open(store.mv(), TypedMaps.OUTBOX);
      org.h2.mvstore.MVMap<Long, byte[]> forgetAt = TypedMaps.open(store.mv(), TypedMaps.FORGET_AT);
      store.outbox().record(entry("j1#0", 1, 1)).join();
      store.outbox().done("j1#0", Duration.ofMinutes(5));
      assertThat(store.outbox().get("j1#0")).map(Entry::state).contains(State.DONE);
      assertThat(OutboxCodec.decode(outbox.get("j1#0")).state()).as("the mark in the tree beside its forget time")
          .isEqualTo(State.DONE);
      assertThat(forgetAt).hasSize(1);
      clock.advance(Duration.ofMinutes(6));
      ((EmbeddedOutbox) store.outbox()).sweep();
      assertThat(store.outbox().get("j1#0")).isEmpty();
      assertThat(outbox).as("out of the tree with its forget time").doesNotContainKey("j1#0");
      assertThat(forgetAt).isEmpty();
    }
  }

  @Test
  void doneMarksFromManyThreadsAtTheSameInstantAreAllForgotten() throws Exception {
    // Marking done takes no lock: each mark still gets a forget time of its own (none overwritten).
    try (EmbeddedStore store = (EmbeddedStore) open()) {
      int threads = 8;
      int each = 100;
      for (int i = 0; i < threads * each; i++) {
        store.outbox().record(entry("j" + i + "#0", i, 1)).join();
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      try {
        java.util.List<java.util.concurrent.Future<?>> marks = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = t * each;
          marks.add(pool.submit(() -> {
            for (int i = from; i < from + each; i++) {
              store.outbox().done("j" + i + "#0", Duration.ofMinutes(5));
            }
          }));
        }
        for (java.util.concurrent.Future<?> m : marks) {
          m.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdown();
      }
      assertThat(store.outbox().list(State.DONE, 10_000)).hasSize(threads * each);
      clock.advance(Duration.ofMinutes(6));
      ((EmbeddedOutbox) store.outbox()).sweep();
      assertThat(store.outbox().list(State.DONE, 10_000)).isEmpty();
    }
  }

  @Test
  void forgetTimesWrittenBeforeARestartAreNotOverwrittenByOnesAfterIt() {
    // The same keep time at the same instant, before and after a reopen: the same deadline and
    // the same counter value (it starts at 0 in every process).
    try (EmbeddedStore store = (EmbeddedStore) open()) {
      store.outbox().record(entry("j1#0", 1, 1)).join();
      store.outbox().done("j1#0", Duration.ofMinutes(5));
    }
    try (EmbeddedStore store = (EmbeddedStore) open()) {
      store.outbox().record(entry("j2#0", 2, 1)).join();
      store.outbox().done("j2#0", Duration.ofMinutes(5));
      clock.advance(Duration.ofMinutes(6));
      ((EmbeddedOutbox) store.outbox()).sweep();
      assertThat(store.outbox().get("j1#0")).isEmpty();
      assertThat(store.outbox().get("j2#0")).isEmpty();
    }
  }

  @Test
  void aDoneEntryKeepsEverythingButItsStateNextAttemptAndPayload() {
    try (Store store = open()) {
      Entry e = entry("j5#0", 3, 77).withState(State.PENDING, 2, clock.now().plusSeconds(9), "20004 busy");
      store.outbox().record(e).join();
      store.outbox().done("j5#0", Duration.ofMinutes(5));
      Entry done = store.outbox().get("j5#0").orElseThrow();
      assertThat(done).usingRecursiveComparison()
          .isEqualTo(new Entry("j5#0", "C2Calice", 3, 77, new byte[0], State.DONE, 2, e.createdAt(), null, "20004 busy"));
    }
  }

  @Test
  void aDoneEntryWrittenWithItsPayloadByAnEarlierVersionStillReads() {
    Entry old = new Entry("j6#0", "C2Calice", 4, 88, bytes("{\"t\":\"kept\"}"), State.DONE, 1, clock.now(), null, null);
    try (MVStore mv = new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open()) {
      // As the earlier OutboxCodec.done left it: the record in full, only its state changed.
      mv.openMap(TypedMaps.OUTBOX, TypedMaps.textKeys()).put("j6#0", OutboxCodec.encode(old));
    }
    try (Store store = open()) {
      assertThat(store.outbox().get("j6#0")).hasValueSatisfying(e -> assertThat(e).usingRecursiveComparison().isEqualTo(old));
      assertThat(store.outbox().record(entry("j6#0", 9, 9)).join().msgSeq()).isEqualTo(4);
      store.outbox().done("j6#0", Duration.ofMinutes(5));
      assertThat(store.outbox().get("j6#0").orElseThrow().payload()).isEmpty();
    }
  }

  @Test
  void claimsAndForgetTimesOfTheEarlierLayoutStillCount() {
    long deadline = clock.now().plus(Duration.ofMinutes(5)).toEpochMilli();
    try (MVStore mv = new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open()) {
      mv.<String, byte[]>openMap("dedupe").put("key:a", Expiry.wrap(deadline, bytes("j1")));
      mv.<String, byte[]>openMap("outbox").put("j1#0", OutboxCodec.encode(entry("j1#0", 1, 1).withState(State.DONE, 1, null, null)));
      mv.<String, Long>openMap("outbox.forget").put("j1#0", deadline);
    }
    try (EmbeddedStore store = (EmbeddedStore) open()) {
      assertThat(store.dedupe().claim("key:a", "j2", Duration.ofMinutes(10))).contains("j1");
      assertThat(store.outbox().get("j1#0")).isPresent();
      clock.advance(Duration.ofMinutes(6));
      ((EmbeddedOutbox) store.outbox()).sweep();
      assertThat(store.outbox().get("j1#0")).as("forgotten at the deadline the earlier version recorded").isEmpty();
      assertThat(store.dedupe().claim("key:a", "j2", Duration.ofMinutes(10))).isEmpty();
    }
  }
}
