package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store.InboxJournal.Entry;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.OutboxStore.State;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store file written by an earlier version (journal and outbox in generic maps) opened by this one. */
class TypedMapsTest {
  @TempDir Path dir;
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-05T22:00:00Z"));
  final Instant appended = Instant.parse("2026-12-05T21:59:00Z");
  final OutboxStore.Entry pending = new OutboxStore.Entry("j5#0", "C2Calice", 9, 77, bytes("hello"), State.PENDING, 1,
      appended, appended.plusSeconds(2), "20004 busy");
  final OutboxStore.Entry sent = new OutboxStore.Entry("j3#0", "C2Calice", 8, 76, bytes("hi"), State.DONE, 1, appended,
      null, null);

  /** The layout before typed maps, written with MVStore's generic types as that version did. */
  private void writeGenericLayout() {
    try (MVStore mv = new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open()) {
      MVMap<Long, byte[]> journal = mv.openMap("journal");
      journal.put(5L, journalValue(appended, "callback five"));
      journal.put(7L, journalValue(appended.plusSeconds(1), "callback seven"));
      mv.<String, Long>openMap("meta").put("journal.nextId", 4096L);
      MVMap<String, byte[]> outbox = mv.openMap("outbox");
      outbox.put(pending.id(), OutboxCodec.encode(pending));
      outbox.put(sent.id(), OutboxCodec.encode(sent));
      mv.<String, Long>openMap("outbox.seq").put("C2Calice", 9L);
    }
  }

  private static byte[] journalValue(Instant at, String payload) {
    byte[] p = bytes(payload);
    return ByteBuffer.allocate(8 + p.length).putLong(at.toEpochMilli()).put(p).array();
  }

  @Test
  void theGenericMapsOfAnEarlierVersionAreMovedIntoTypedOnesAtOpen() {
    writeGenericLayout();
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      assertThat(store.journal().unfinished(0, 10)).extracting(Entry::id, e -> text(e.payload()), Entry::appendedAt)
          .containsExactly(tuple(5L, "callback five", appended),
              tuple(7L, "callback seven", appended.plusSeconds(1)));
      assertThat(store.journal().append("p", bytes("new")).join()).as("ids go on after the reserved block")
          .isGreaterThan(4096L);
      assertThat(store.outbox().get(pending.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(pending);
      assertThat(store.outbox().get(sent.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(sent);
      assertThat(store.outbox().list(State.PENDING, 10)).extracting(OutboxStore.Entry::id).containsExactly("j5#0");
      assertThat(store.outbox().nextSeq("C2Calice")).isEqualTo(10);
      assertThat(store.mv().getMapNames()).doesNotContain("journal", "outbox", "outbox.seq")
          .contains(TypedMaps.JOURNAL, TypedMaps.OUTBOX, TypedMaps.MSG_SEQ);
    }
  }

  @Test
  void theMoveHappensOnceSoWhatWasFinishedAfterItStaysFinished() {
    writeGenericLayout();
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      store.journal().finish(5);
      store.outbox().done(pending.id(), Duration.ofHours(1));
      store.outbox().nextSeq("C2Calice");
    }
    try (EmbeddedStore again = new EmbeddedStore(dir, clock)) {
      assertThat(again.journal().unfinished(0, 10)).extracting(Entry::id).containsExactly(7L);
      assertThat(again.outbox().get(pending.id())).map(OutboxStore.Entry::state).contains(State.DONE);
      assertThat(again.outbox().nextSeq("C2Calice")).isEqualTo(11);
    }
  }

  @Test
  void theMoveIsInTheFileBeforeTheStoreIsOpenSoAKillRightAfterKeepsIt() {
    writeGenericLayout();
    EmbeddedStore store = new EmbeddedStore(dir, clock);
    store.mv().closeImmediately(); // killed as soon as it opened: no commit, no checkpoint after the open's
    try (MVStore mv = new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open()) {
      assertThat(mv.getMapNames()).as("the open's checkpoint holds the move whole")
          .doesNotContain("journal", "outbox", "outbox.seq").contains(TypedMaps.JOURNAL, TypedMaps.OUTBOX);
      assertThat(mv.openMap(TypedMaps.JOURNAL, TypedMaps.longKeys()).keySet()).containsExactly(5L, 7L);
    } finally {
      store.close();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
