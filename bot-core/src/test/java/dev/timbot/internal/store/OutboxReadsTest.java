package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded outbox answers a send's two reads without MVStore's map where it can (issue 15, BENCHMARKS §8w):
 * a record right after a miss of the same id, and the done mark of a record it put into the map itself. Neither
 * may answer from a stale copy.
 */
class OutboxReadsTest {
  @TempDir Path dir;
  final BotClock clock = BotClock.system();
  final Instant now = Instant.now();

  Entry entry(String id, long seq) {
    return new Entry(id, "C2Calice", seq, 7, new byte[] {(byte) seq}, State.PENDING, 0, now, now, null);
  }

  @Test
  void aRecordAfterAMissFindsTheRecordAnotherThreadMadeAndTheCommitPutInMeanwhile() throws Exception {
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      assertThat(store.outbox().get("j1#0")).isEmpty(); // this thread's miss
      Entry first = CompletableFuture.supplyAsync(() -> store.outbox().record(entry("j1#0", 1)).join())
          .get(10, TimeUnit.SECONDS); // recorded, committed and put into the map by another thread
      Entry stored = store.outbox().record(entry("j1#0", 2)).get(10, TimeUnit.SECONDS);
      assertThat(stored.msgSeq()).as("the earlier record, not a second one").isEqualTo(first.msgSeq()).isEqualTo(1);
    }
  }

  @Test
  void aMissOfAnotherIdDoesNotSpareTheRead() throws Exception {
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      store.outbox().record(entry("j2#0", 1)).get(10, TimeUnit.SECONDS);
      assertThat(store.outbox().get("j3#0")).isEmpty();
      assertThat(store.outbox().record(entry("j2#0", 2)).get(10, TimeUnit.SECONDS).msgSeq()).isEqualTo(1);
    }
  }

  @Test
  void anUpdateBetweenAMissAndARecordIsFound() throws Exception {
    HeldCommits held = new HeldCommits();
    try (EmbeddedStore store = held.open(dir, clock)) {
      store.outbox().record(entry("other#0", 1)).get(10, TimeUnit.SECONDS);
      held.hold();
      store.outbox().update(entry("other#0", 1)); // its commit waits at the gate: no apply until released
      assertThat(held.awaitWaitingCommit()).isTrue();
      assertThat(store.outbox().get("u#0")).isEmpty();
      store.outbox().update(entry("u#0", 1)); // puts into the map without an apply (review32)
      CompletableFuture<Entry> recorded = store.outbox().record(entry("u#0", 2));
      held.release();
      assertThat(recorded.get(10, TimeUnit.SECONDS).msgSeq()).as("what the store holds").isEqualTo(1);
    }
  }

  @Test
  void aDoneMarkMadeBeforeItsRecordEntersTheMapIsNotHiddenByTheKeptCopy() throws Exception {
    HeldCommits held = new HeldCommits();
    try (EmbeddedStore store = held.open(dir, clock)) {
      held.hold();
      CompletableFuture<Entry> recorded = store.outbox().record(entry("d#0", 1));
      assertThat(held.awaitWaitingCommit()).isTrue(); // logged, not yet in the map
      store.outbox().done("d#0", Duration.ofHours(1));
      held.release();
      recorded.get(10, TimeUnit.SECONDS);
      assertThat(store.outbox().get("d#0")).map(Entry::state).contains(State.DONE);
    }
  }

  @Test
  void aDoneMarkOrAnUpdateIsReadBackNotTheRecordKeptForIt() throws Exception {
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      store.outbox().record(entry("j4#0", 1)).get(10, TimeUnit.SECONDS);
      store.outbox().record(entry("j5#0", 2)).get(10, TimeUnit.SECONDS);
      store.outbox().done("j4#0", Duration.ofHours(1));
      assertThat(store.outbox().get("j4#0")).map(Entry::state).contains(State.DONE);
      Entry dead = new Entry("j5#0", "C2Calice", 2, 7, new byte[] {2}, State.DEAD, 3, now, now, "gave up");
      store.outbox().update(dead).get(10, TimeUnit.SECONDS);
      assertThat(store.outbox().get("j5#0")).map(Entry::state).contains(State.DEAD);
      store.outbox().done("j5#0", Duration.ofHours(1));
      assertThat(store.outbox().get("j5#0")).map(Entry::state).contains(State.DONE);
    }
    try (EmbeddedStore again = new EmbeddedStore(dir, clock)) {
      assertThat(again.outbox().get("j4#0")).map(Entry::state).contains(State.DONE);
      assertThat(again.outbox().get("j5#0")).map(Entry::state).contains(State.DONE);
    }
  }
}
