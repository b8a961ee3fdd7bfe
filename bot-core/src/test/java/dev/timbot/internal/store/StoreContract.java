package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.spi.Store.KeyedState;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do (journal, dedupe, outbox, keyed state), on a virtual clock. A
 * backend's test extends this and opens a fresh, empty store in {@link #open()}; backends in other
 * modules use bot-core's test-jar. Timers have their own {@link TimerStoreContract}.
 */
public abstract class StoreContract {
  protected final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Store store;

  /** A fresh, empty store on {@link #clock}. */
  protected abstract Store open();

  /** The store under test, opened on first use and closed after the test. */
  protected Store store() {
    if (store == null) {
      store = open();
    }
    return store;
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected Entry entry(String id, long seq, long rnd) {
    return new Entry(id, "C2Calice", seq, rnd, bytes("{}"), State.PENDING, 0, clock.now(), clock.now(), null);
  }

  @Test
  public void journalKeepsUnfinishedEntriesInOrder() {
    InboxJournal j = store().journal();
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

  @Test
  public void journalKeepsEachPartitionsAppendOrderAcrossPartitions() {
    InboxJournal j = store().journal();
    List<CompletableFuture<Long>> appends = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      appends.add(j.append("C2Cuser" + (i % 7), bytes("user" + (i % 7) + "#" + i)));
    }
    List<Long> ids = appends.stream().map(CompletableFuture::join).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    List<InboxJournal.Entry> all = j.unfinished(0, 100);
    assertThat(all).extracting(InboxJournal.Entry::id).containsExactlyElementsOf(ids);
    assertThat(all.get(0).appendedAt()).isEqualTo(clock.now());
    ids.forEach(j::finish);
    assertThat(j.unfinished(0, 100)).isEmpty();
    assertThat(j.backlog()).isZero();
  }

  @Test
  public void dedupeClaimsExpireOnTheClock() {
    Store s = store();
    assertThat(s.dedupe().claim("key:a", "j1", Duration.ofMinutes(10))).isEmpty();
    assertThat(s.dedupe().claim("key:a", "j2", Duration.ofMinutes(10))).contains("j1");
    assertThat(s.dedupe().claim("key:a", "j1", Duration.ofMinutes(10))).contains("j1");
    clock.advance(Duration.ofMinutes(11));
    assertThat(s.dedupe().claim("key:a", "j2", Duration.ofMinutes(10))).isEmpty();
  }

  @Test
  public void outboxRecordsOncePerIdAndCountsSequencesPerConversation() {
    OutboxStore o = store().outbox();
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

  @Test
  public void outboxKeepsEveryFieldAndListsOldestFirst() {
    OutboxStore o = store().outbox();
    Entry a = new Entry("j1#0", "GROUP@TGS#1", 3, 77, bytes("{\"t\":\"a\"}"), State.PENDING, 2,
        clock.now(), clock.now().plusSeconds(5), "timeout");
    o.record(a).join();
    clock.advance(Duration.ofSeconds(1));
    o.record(entry("j2#0", 1, 1)).join();
    Entry stored = o.get("j1#0").orElseThrow();
    assertThat(stored).usingRecursiveComparison().isEqualTo(a);
    assertThat(o.list(State.PENDING, 10)).extracting(Entry::id).containsExactly("j1#0", "j2#0");
    assertThat(o.list(State.PENDING, 1)).extracting(Entry::id).containsExactly("j1#0");
    o.done("j1#0", Duration.ofMinutes(5));
    assertThat(o.get("j1#0")).map(Entry::state).contains(State.DONE);
    assertThat(o.list(State.PENDING, 10)).extracting(Entry::id).containsExactly("j2#0");
    assertThat(o.get("nope")).isEmpty();
  }

  /** A forgotten send is gone, or done where the store keeps it (OutboxStore#forget): never pending, never sent again. */
  @Test
  public void aForgottenSendIsNeverPendingAgain() {
    OutboxStore o = store().outbox();
    o.record(entry("j1#0", o.nextSeq("C2Calice"), 11)).join();
    o.record(entry("j2#0", o.nextSeq("C2Calice"), 22)).join();
    o.forget("j1#0", Duration.ofMinutes(5));
    assertThat(o.get("j1#0").map(Entry::state).orElse(State.DONE)).as("gone, or kept as done").isEqualTo(State.DONE);
    assertThat(o.list(State.PENDING, 10)).extracting(Entry::id).containsExactly("j2#0");
    assertThat(o.nextSeq("C2Calice")).as("its MsgSeq is not handed out again").isEqualTo(3);
  }

  @Test
  public void aDoneEntryKeepsItsSequenceButNotItsPayload() {
    OutboxStore o = store().outbox();
    Entry e = new Entry("j1#0", "C2Calice", 3, 77, bytes("{\"t\":\"a long answer\"}"), State.PENDING, 2,
        clock.now(), clock.now().plusSeconds(5), "20004 busy");
    o.record(e).join();
    o.done("j1#0", Duration.ofMinutes(5));
    Entry done = o.get("j1#0").orElseThrow();
    assertThat(done.payload()).as("a done send is never sent again: its payload is not kept").isEmpty();
    assertThat(done.state()).isEqualTo(State.DONE);
    assertThat(List.of(done.id(), done.conversationId(), done.msgSeq(), done.msgRandom(), done.attempts(),
        done.createdAt(), String.valueOf(done.lastError())))
        .containsExactly("j1#0", "C2Calice", 3L, 77L, 2, e.createdAt(), "20004 busy");
    assertThat(o.record(entry("j1#0", 9, 9)).join()).as("recorded again: the done entry answers")
        .extracting(Entry::msgSeq, Entry::state).containsExactly(3L, State.DONE);
  }

  @Test
  public void keyedStateHonoursTtlAndPrefixes() {
    Store s = store();
    KeyedState st = s.state("sessions");
    st.put("C2Calice", bytes("a"), Duration.ofMinutes(30));
    st.put("C2Cbob", bytes("b"), null);
    st.put("GROUP@x", bytes("g"), null);
    assertThat(s.state("other").keys("")).isEmpty();
    assertThat(st.keys("C2C")).containsExactly("C2Calice", "C2Cbob");
    clock.advance(Duration.ofMinutes(31));
    assertThat(st.get("C2Calice")).isEmpty();
    assertThat(st.get("C2Cbob")).map(String::new).contains("b");
    assertThat(st.remove("C2Cbob")).isTrue();
    assertThat(st.remove("C2Cbob")).isFalse();
    assertThat(st.keys("")).containsExactly("GROUP@x");
  }

  @Test
  public void keyedStateNamespacesNeverSeeEachOthersKeys() {
    Store s = store();
    s.state("a:b").put("c", bytes("1"), null);
    s.state("a").put("b:c", bytes("2"), null);
    s.state("a").put("b:a", bytes("3"), null);
    s.state("a").flush().join();
    assertThat(s.state("a:b").get("c")).map(String::new).contains("1");
    assertThat(s.state("a").get("b:c")).map(String::new).contains("2");
    assertThat(s.state("a").keys("b:")).containsExactly("b:a", "b:c");
    assertThat(s.state("a:b").keys("")).containsExactly("c");
  }

  @Test
  public void replaceTakesALockOnceLetsOnlyItsOwnerGiveItBackAndFreesItAfterItsLease() {
    KeyedState s = store().state("desk");
    assertThat(s.replace("lock", null, bytes("A"), Duration.ofSeconds(10))).isTrue();
    assertThat(s.replace("lock", null, bytes("B"), Duration.ofSeconds(10))).as("held by A").isFalse();
    assertThat(s.replace("lock", bytes("B"), null, null)).as("only the owner gives it back").isFalse();
    assertThat(s.get("lock")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("A")));
    clock.advance(Duration.ofSeconds(11));
    assertThat(s.replace("lock", null, bytes("B"), Duration.ofSeconds(10))).as("A's lease ended").isTrue();
    assertThat(s.replace("lock", bytes("B"), null, null)).isTrue();
    assertThat(s.get("lock")).isEmpty();
    assertThat(s.keys("")).doesNotContain("lock");
  }

  @Test
  public void replaceMovesAVersionOnlyFromTheValueTheWriterSaw() {
    Store st = store();
    KeyedState s = st.state("desk");
    assertThat(s.replace("version", null, bytes("1"), null)).isTrue();
    assertThat(s.replace("version", bytes("1"), bytes("2"), null)).isTrue();
    assertThat(s.replace("version", bytes("1"), bytes("2b"), null)).as("a stale writer").isFalse();
    assertThat(new String(s.get("version").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("2");
    assertThat(s.keys("")).containsExactly("version");
    assertThat(st.state("other").replace("version", null, bytes("x"), null)).as("namespaces apart").isTrue();
  }
}
