package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What handling a journal entry writes (claims, outbox records) is staged, logged by the commit
 * thread right before a commit and put into the maps after it, so it is never durable without the
 * entry; and a commit that fails stops the store.
 */
class StagedWritesTest {
  @TempDir Path dir;
  final BotClock clock = BotClock.system();

  @Test
  void stagedWritesAreLoggedBeforeTheCommitThatCompletesTheFlushAndPutInAfterIt() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicInteger pending = new AtomicInteger();
    GroupCommit commits = new GroupCommit(durable(events, 0), 10_000, () -> { }, "test-commit");
    commits.stage(new GroupCommit.Staged() {
      int logged;

      @Override
      public void log() {
        logged = pending.getAndSet(0);
        events.add("log " + logged);
      }

      @Override
      public void apply() {
        events.add("apply " + logged);
      }
    });
    try (commits) {
      pending.set(2);
      commits.flush().thenRun(() -> events.add("flushed")).get(10, TimeUnit.SECONDS);
      assertThat(events).containsExactly("log 2", "commit", "apply 2", "flushed");
    }
  }

  @Test
  void aFailedCommitStopsTheStoreAndEveryLaterFlushFailsAtOnce() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    GroupCommit commits = new GroupCommit(durable(events, 1), 10_000, () -> { }, "test-commit");
    try (commits) {
      CompletableFuture<Void> first = commits.flush();
      assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("disk full");
      assertThatThrownBy(() -> commits.flush().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("stopped after a failed write").hasMessageContaining("restart");
      assertThat(events).as("halted once; no commit tried after the failure").containsExactly("commit failed", "halt");
    }
  }

  @Test
  void writesOfHandlingAreNotInTheMapsWhileTheEntrysCommitIsUnderWay() throws Exception {
    HeldCommits held = new HeldCommits();
    Instant now = Instant.now();
    Entry reply;
    try (EmbeddedStore store = held.open(dir, clock)) {
      held.hold();
      EarlyHandOn.Written entry = ((EarlyHandOn) store.journal()).write("C2Calice", new byte[] {1, 2, 3});
      assertThat(held.awaitWaitingCommit()).isTrue();
      Map<String, Long> before = sizes(store.mv());
      // Handling the entry while its commit waits to start: a claim and a reply.
      assertThat(store.dedupe().claim("key:1_7_1", "j" + entry.id(), Duration.ofMinutes(10))).isEmpty();
      reply = new Entry("j" + entry.id() + "#0", "C2Calice", store.outbox().nextSeq("C2Calice"), 7, new byte[40],
          State.PENDING, 0, now, now, null);
      CompletableFuture<Entry> recorded = store.outbox().record(reply);

      Map<String, Long> during = sizes(store.mv());
      during.keySet().removeAll(CUT_FREE);
      before.keySet().removeAll(CUT_FREE);
      assertThat(during).as("no map a commit could take holds the claim or the record yet").isEqualTo(before);
      MVMap<String, byte[]> outbox = store.mv().openMap(TypedMaps.OUTBOX, TypedMaps.textKeys());
      assertThat(store.outbox().get(reply.id())).as("and is read from there").isPresent();
      assertThat(store.outbox().list(State.PENDING, 10)).extracting(Entry::id).containsExactly(reply.id());
      assertThat(store.dedupe().claim("key:1_7_1", "j99", Duration.ofMinutes(10))).contains("j" + entry.id());
      assertThat(entry.durable()).isNotDone();

      held.release();
      assertThat(entry.durable().get(10, TimeUnit.SECONDS)).isEqualTo(entry.id());
      recorded.get(10, TimeUnit.SECONDS);
      store.checkpoint(); // the outbox's writes are held beside its tree until then (WriteBehindMap)
      assertThat(outbox.containsKey(reply.id())).isTrue();
      Map<String, Long> after = sizes(store.mv());
      after.keySet().removeAll(CUT_FREE);
      assertThat(after).as("the claim and the record are in their maps now").isNotEqualTo(during);
    }
    try (EmbeddedStore again = new EmbeddedStore(dir, clock)) {
      assertThat(again.journal().unfinished(0, 10)).hasSize(1);
      assertThat(again.outbox().get(reply.id())).isPresent();
      assertThat(again.dedupe().claim("key:1_7_1", "j99", Duration.ofMinutes(10))).isPresent();
    }
  }

  @Test
  void whatACommitLoggedIsReadFromBesideTheMapsUntilItsWriteAndADoneMarkMadeMeanwhileStays() throws Exception {
    HeldCommits held = new HeldCommits();
    Instant now = Instant.now();
    Entry reply = new Entry("j1#0", "C2Calice", 1, 7, new byte[40], State.PENDING, 0, now, now, null);
    try (EmbeddedStore store = held.open(dir, clock)) {
      held.hold();
      CompletableFuture<Entry> recorded = store.outbox().record(reply); // its commit logs it, then waits at the gate
      assertThat(held.awaitWaitingCommit()).isTrue();
      assertThat(store.mv().openMap(TypedMaps.OUTBOX, TypedMaps.textKeys()).containsKey(reply.id()))
          .as("not in its map before the log holds it").isFalse();
      assertThat(store.outbox().get(reply.id())).as("read from beside the map").isPresent();
      assertThat(store.outbox().list(State.PENDING, 10)).extracting(Entry::id).containsExactly(reply.id());
      store.outbox().done(reply.id(), Duration.ofHours(1)); // newer than the logged record: must not be undone
      held.release();
      recorded.get(10, TimeUnit.SECONDS);
      assertThat(store.outbox().get(reply.id())).map(Entry::state).contains(State.DONE);

      held.hold();
      assertThat(store.dedupe().claim("key:9", "j1", Duration.ofMinutes(10))).isEmpty();
      CompletableFuture<Void> flushed = store.state("s").flush(); // a commit: it logs the claim, then waits
      assertThat(held.awaitWaitingCommit()).isTrue();
      assertThat(store.mv().openMap(EmbeddedDedupe.LOG, TypedMaps.longKeys())).isEmpty();
      assertThat(store.dedupe().claim("key:9", "j2", Duration.ofMinutes(10))).as("a redelivery").contains("j1");
      held.release();
      flushed.get(10, TimeUnit.SECONDS);
    }
    try (EmbeddedStore again = new EmbeddedStore(dir, clock)) {
      assertThat(again.outbox().get(reply.id())).map(Entry::state).as("as the log has it").contains(State.DONE);
      assertThat(again.dedupe().claim("key:9", "j2", Duration.ofMinutes(10))).contains("j1");
    }
  }

  /**
   * A forgotten send leaves its map only once a commit logged the removal, after the journal entry's
   * finish made before it: a checkpoint reading the journal's map before the finish, and the
   * outbox's after the removal, would otherwise hold the removal without the finish (the handler runs
   * again after a crash and sends a second time). Read as gone meanwhile.
   */
  @Test
  void aForgottenSendLeavesItsMapOnlyOnceTheLogHoldsItsRemoval() throws Exception {
    HeldCommits held = new HeldCommits();
    Instant now = Instant.now();
    String reply;
    try (EmbeddedStore store = held.open(dir, clock)) {
      long id = store.journal().append("C2Calice", new byte[] {1}).get(10, TimeUnit.SECONDS);
      reply = "j" + id + "#0";
      store.outbox().record(new Entry(reply, "C2Calice", 1, 7, new byte[40], State.PENDING, 0, now, now, null))
          .get(10, TimeUnit.SECONDS);
      MVMap<String, byte[]> outbox = store.mv().openMap(TypedMaps.OUTBOX, TypedMaps.textKeys());
      store.checkpoint(); // a send in play across a checkpoint: in the tree
      assertThat(outbox.containsKey(reply)).isTrue();
      held.hold();
      store.journal().finish(id);
      store.outbox().forget(reply, Duration.ofHours(1));
      assertThat(outbox.containsKey(reply)).as("not out of its map before the log holds the removal").isTrue();
      assertThat(store.outbox().get(reply)).as("read as gone").isEmpty();
      assertThat(store.outbox().list(State.PENDING, 10)).isEmpty();
      assertThat(store.outbox().record(new Entry(reply, "C2Calice", 2, 8, new byte[40], State.PENDING, 0, now, now,
          null))).as("a forgotten id is never recorded again: a clear failure, not a record lost")
          .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withMessageContaining("recorded again after it was forgotten");
      CompletableFuture<Void> flushed = store.state("s").flush(); // a commit: it logs the removal, then waits
      assertThat(held.awaitWaitingCommit()).isTrue();
      assertThat(outbox.containsKey(reply)).as("logged, not yet written").isTrue();
      held.release();
      flushed.get(10, TimeUnit.SECONDS);
      store.checkpoint();
      assertThat(outbox.containsKey(reply)).as("out of its map at the checkpoint after it was written").isFalse();
    }
    try (EmbeddedStore again = new EmbeddedStore(dir, clock)) {
      assertThat(again.journal().unfinished(0, 10)).isEmpty();
      assertThat(again.outbox().get(reply)).isEmpty();
    }
  }

  /**
   * A send's record and its {@code MsgSeq} are held beside their trees until a checkpoint
   * (WriteBehindMap): a send forgotten before it never reaches the outbox's tree, and only the
   * conversation's last {@code MsgSeq} does; a restart finds both as the log has them (issue 15).
   */
  @Test
  void aSendForgottenBeforeTheNextCheckpointNeverReachesTheTree() throws Exception {
    Instant now = Instant.now();
    try (EmbeddedStore store = new EmbeddedStore(dir, clock, Fsync.ALWAYS, UnaryOperator.identity(),
        RedoLog.Disk.PLATFORM, TimeUnit.HOURS.toMillis(1))) { // no checkpoint but the test's
      MVMap<String, byte[]> outbox = store.mv().openMap(TypedMaps.OUTBOX, TypedMaps.textKeys());
      MVMap<String, Long> seqs = TypedMaps.open(store.mv(), TypedMaps.MSG_SEQ);
      for (int i = 0; i < 3; i++) {
        Entry reply = new Entry("r" + i, "C2Calice", store.outbox().nextSeq("C2Calice"), 7, new byte[40],
            State.PENDING, 0, now, now, null);
        store.outbox().record(reply).get(10, TimeUnit.SECONDS);
        assertThat(store.outbox().get("r" + i)).isPresent();
        if (i < 2) {
          store.outbox().forget("r" + i, Duration.ofHours(1));
        }
      }
      store.state("s").flush().get(10, TimeUnit.SECONDS); // logs the last removal
      assertThat(outbox).as("held until the checkpoint").isEmpty();
      assertThat(seqs).isEmpty();

      store.checkpoint();
      assertThat(outbox.keySet()).as("only the send still in play").containsExactly("r2");
      assertThat(seqs).containsExactly(Map.entry("C2Calice", 3L));
      store.outbox().forget("r2", Duration.ofHours(1));
      assertThat(store.outbox().nextSeq("C2Calice")).isEqualTo(4);
    }
    try (EmbeddedStore again = new EmbeddedStore(dir, clock)) {
      assertThat(again.outbox().list(State.PENDING, 10)).as("the removal made after the checkpoint, from the log")
          .isEmpty();
      assertThat(again.outbox().nextSeq("C2Calice")).isEqualTo(5);
    }
  }

  @Test
  void noCommitButTheCheckpoints() {
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      assertThat(store.mv().getAutoCommitDelay()).as("no background commits").isZero();
      assertThat(store.mv().getAutoCommitMemory()).as("no commit on a writer's thread past a size").isZero();
    }
  }

  @Test
  void aStoreWhoseFsyncFailsRefusesLaterWritesAndKeepsWhatWasCommitted() throws Exception {
    AtomicInteger failAt = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger commits = new AtomicInteger();
    long first;
    try (EmbeddedStore store = new EmbeddedStore(dir, clock, real -> HeldCommits.before(real, () -> {
      if (commits.incrementAndGet() >= failAt.get()) {
        throw new UncheckedIOException(new IOException("Input/output error (fsync)"));
      }
    }))) {
      first = store.journal().append("C2Calice", new byte[] {1}).get(10, TimeUnit.SECONDS);
      failAt.set(commits.get() + 1);
      CompletableFuture<Long> lost = store.journal().append("C2Calice", new byte[] {2});
      assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("Input/output error (fsync)");
      assertThatThrownBy(() -> store.journal().append("C2Calice", new byte[] {3}).get(10, TimeUnit.SECONDS))
          .as("the store is halted: nothing written later can reach the file").isInstanceOf(Exception.class);
    }
    try (EmbeddedStore again = new EmbeddedStore(dir, clock)) {
      assertThat(again.journal().unfinished(0, 10)).extracting(e -> e.id()).containsExactly(first);
    }
  }

  /**
   * Maps whose writes during handling are harmless without the entry: the journal itself (its entry
   * was written before handling began) and the MsgSeq counters (a gap in a conversation's MsgSeq).
   */
  static final Set<String> CUT_FREE = Set.of(TypedMaps.JOURNAL, "meta", TypedMaps.MSG_SEQ);

  /** Entries per map, by name. */
  static Map<String, Long> sizes(MVStore mv) {
    Map<String, Long> out = new TreeMap<>();
    for (String name : mv.getMapNames()) {
      out.put(name, mv.openMap(name).sizeAsLong());
    }
    return out;
  }

  private static GroupCommit.Durable durable(List<String> events, int failFirst) {
    AtomicInteger failures = new AtomicInteger(failFirst);
    return new GroupCommit.Durable() {
      @Override
      public void sync() {
        // the commit above stands for both
      }

      @Override
      public void commit() {
        if (failures.getAndDecrement() > 0) {
          events.add("commit failed");
          throw new IllegalStateException("disk full");
        }
        events.add("commit");
      }

      @Override
      public boolean hasUnsavedChanges() {
        return false;
      }

      @Override
      public void halt() {
        events.add("halt");
      }
    };
  }
}
