package dev.timbot.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackParser;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.store.MemoryStore;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store.InboxJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pump over a journal shared by several processes: it hands on only what the journal gives
 * this process, and reads again from the start when partitions move here, without handing an
 * entry it still holds a second time.
 */
class JournalPumpTest {
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final PartitionedJournal journal = new PartitionedJournal(new MemoryStore(clock).journal());
  final List<Long> handedOn = new CopyOnWriteArrayList<>();
  final Map<Long, java.util.function.BooleanSupplier> finishers = new ConcurrentHashMap<>();
  final java.util.concurrent.atomic.AtomicInteger moved = new java.util.concurrent.atomic.AtomicInteger();
  final JournalPump pump = new JournalPump(() -> journal, (cb, id, finished) -> {
    handedOn.add(id);
    finishers.put(id, finished);
    return true;
  }, () -> 0, 100, moved::incrementAndGet);

  @AfterEach
  void stop() {
    pump.stop();
  }

  /**
   * A finish the journal refuses is reported: the entry will be replayed, so the replies its handler
   * made must be kept as done (OutboxStore#forget), not forgotten.
   */
  @Test
  void aFinishTheJournalRefusesIsReportedAndTheEntryStaysUnfinished() {
    journal.hold("C2Calice");
    long a1 = append("alice", 1);
    pump.start("pump-test");
    await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 1);
    journal.refusesFinish = true;
    assertThat(finishers.get(a1).getAsBoolean()).as("the journal refused it").isFalse();
    journal.refusesFinish = false;
    assertThat(journal.unfinished(0, 10)).extracting(InboxJournal.Entry::id).containsExactly(a1);
  }

  @Test
  void partitionsThatMoveHereAreReadFromTheStartAndNothingInHandTwice() {
    journal.hold("C2Calice");
    long a1 = append("alice", 1);
    long b1 = append("bob", 1);
    long a2 = append("alice", 2);
    pump.start("pump-test");
    await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 2);
    assertThat(handedOn).containsExactly(a1, a2);

    assertThat(finishers.get(a1).getAsBoolean()).isTrue(); // a1 finished; a2 still in hand when bob's partition arrives
    journal.hold("C2Cbob");
    await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 3);
    long a3 = append("alice", 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 4);
    assertThat(handedOn).as("bob's entry lies behind the cursor; a2 is not handed on again")
        .containsExactly(a1, a2, b1, a3);
    assertThat(moved).as("taken over at start, then once per move").hasValue(2);
  }

  @Test
  void anUnreadableJournalDoesNotStopThePumpAndWhatWaitedIsHandedOnWhenItReturns() {
    journal.hold("C2Calice");
    long a1 = append("alice", 1);
    journal.down = true;
    pump.start("pump-test");
    await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10)).until(() -> journal.failedReads.get() > 0);
    assertThat(handedOn).isEmpty();
    journal.down = false;
    await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 1);
    assertThat(handedOn).containsExactly(a1);
  }

  @Test
  void anUnreachableStoreMeansA503NotAnAcknowledgement() {
    journal.down = true;
    CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(JournalBeforeAckTest.APP).clock(clock)
        .sink(cb -> {})
        .journal(new StoreCallbackJournal(() -> journal, pump, 100, () -> {}, "bot")).build();
    var answer = receiver.handle(JournalBeforeAckTest.QUERY, JournalBeforeAckTest.body(1));
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.accepted()).isFalse();
    journal.down = false;
    assertThat(journal.backlog()).isZero();
  }

  @Test
  void theReceiverJournalsEachCallbackInItsConversationsPartition() {
    journal.hold("C2Calice");
    CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(JournalBeforeAckTest.APP).clock(clock)
        .sink(cb -> {})
        .journal(new StoreCallbackJournal(() -> journal, pump, 100, () -> {}, "bot")).build();
    assertThat(receiver.handle(JournalBeforeAckTest.QUERY, JournalBeforeAckTest.body(1)).accepted()).isTrue();
    assertThat(journal.partitions.values()).containsExactly("C2Calice");
  }

  @Test
  void theCallbackTheReceiverParsedIsHandedOnFromMemoryAndAnEntryWithoutACopyIsParsedFromTheJournal() throws Exception {
    journal.hold("C2Calice");
    List<ReceivedCallback> got = new CopyOnWriteArrayList<>();
    JournalPump own = new JournalPump(() -> journal, (cb, id, finished) -> {
      got.add(cb);
      finished.getAsBoolean();
      return true;
    }, () -> 0, 100, () -> {});
    // Bytes that do not decode: only the copy in memory can be handed on.
    long copied = journal.append("C2Calice", new byte[] {9, 9}).join();
    ReceivedCallback parsed = new ReceivedCallback(
        CallbackParser.parse("C2C.CallbackAfterSendMsg", JournalBeforeAckTest.body(1)), "1.2.3.4", "RESTAPI", clock.now());
    own.ready(copied, parsed);
    long fromJournal = append("alice", 2);
    own.start("pump-test-copy");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 2);
      assertThat(got.get(0)).as("the receiver's copy, not a parse of the stored bytes").isSameAs(parsed);
      assertThat(((C2CMessageCallback) got.get(1).event()).msgSeq()).isEqualTo(2);
      assertThat(own.parsedCopies()).isZero();
      assertThat(journal.backlog()).isZero();
    } finally {
      own.stop();
    }
    assertThat(fromJournal).isGreaterThan(copied);
  }

  @Test
  void overAJournalOfConsecutiveIdsCopiesAreHandedOnInIdOrderAndAGapIsReadFromTheJournal() throws Exception {
    InboxJournal local = new MemoryStore(clock).journal();
    List<Long> ids = new CopyOnWriteArrayList<>();
    List<ReceivedCallback> got = new CopyOnWriteArrayList<>();
    JournalPump own = new JournalPump(() -> local, (cb, id, finished) -> {
      ids.add(id);
      got.add(cb);
      finished.getAsBoolean();
      return true;
    }, () -> 0, 100, () -> {});
    ReceivedCallback c1 = copy(1);
    ReceivedCallback c3 = copy(3);
    long id1 = local.append("C2Calice", new byte[] {9}).join(); // bytes that do not decode: only the copy works
    long id2 = local.append("C2Calice", payload("alice", 2)).join(); // no copy (a gap): read from the journal
    long id3 = local.append("C2Calice", new byte[] {9}).join();
    own.ready(id3, c3);
    own.ready(id1, c1);
    own.start("pump-test-consecutive");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() == 3);
      assertThat(ids).containsExactly(id1, id2, id3);
      assertThat(got.get(0)).isSameAs(c1);
      assertThat(((C2CMessageCallback) got.get(1).event()).msgSeq()).isEqualTo(2);
      assertThat(got.get(2)).isSameAs(c3);
      assertThat(local.backlog()).isZero();
    } finally {
      own.stop();
    }
  }

  private ReceivedCallback copy(int n) throws Exception {
    return new ReceivedCallback(CallbackParser.parse("C2C.CallbackAfterSendMsg", JournalBeforeAckTest.body(n)),
        "1.2.3.4", "RESTAPI", clock.now());
  }

  private byte[] payload(String user, int n) {
    String json = new String(JournalBeforeAckTest.body(n), java.nio.charset.StandardCharsets.UTF_8).replace("alice", user);
    return new JournaledCallback("C2C.CallbackAfterSendMsg", "1.2.3.4", "RESTAPI", clock.now(),
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).encode();
  }

  @Test
  void theReceiverKeepsNoCopyOfACallbackForAPartitionThisProcessDoesNotHold() {
    CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(JournalBeforeAckTest.APP).clock(clock)
        .sink(cb -> {})
        .journal(new StoreCallbackJournal(() -> journal, pump, 100, () -> {}, "bot")).build();
    assertThat(receiver.handle(JournalBeforeAckTest.QUERY, JournalBeforeAckTest.body(1)).accepted()).isTrue();
    assertThat(pump.parsedCopies()).as("another process reads alice's partition").isZero();
    journal.hold("C2Calice");
    assertThat(receiver.handle(JournalBeforeAckTest.QUERY, JournalBeforeAckTest.body(2)).accepted()).isTrue();
    assertThat(pump.parsedCopies()).isEqualTo(1);
  }

  private long append(String user, int n) {
    byte[] body = JournalBeforeAckTest.body(n);
    String json = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("alice", user);
    byte[] payload = new JournaledCallback("C2C.CallbackAfterSendMsg", "1.2.3.4", "RESTAPI", clock.now(),
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).encode();
    return journal.append("C2C" + user, payload).join();
  }

  /** A journal that shows this process only the partitions it holds, as a shared one does. */
  static final class PartitionedJournal implements InboxJournal {
    final InboxJournal entries;
    final Map<Long, String> partitions = new ConcurrentHashMap<>();
    final Set<String> held = ConcurrentHashMap.newKeySet();
    final AtomicLong generation = new AtomicLong();
    final AtomicLong failedReads = new AtomicLong();
    volatile boolean down;
    volatile boolean refusesFinish;

    PartitionedJournal(InboxJournal entries) {
      this.entries = entries;
    }

    void hold(String partition) {
      held.add(partition);
      generation.incrementAndGet();
    }

    @Override
    public CompletableFuture<Long> append(String partition, byte[] payload) {
      if (down) {
        throw new IllegalStateException("store unreachable");
      }
      return entries.append(partition, payload).thenApply(id -> {
        partitions.put(id, partition);
        return id;
      });
    }

    @Override
    public void finish(long id) {
      if (refusesFinish) {
        throw new IllegalStateException("store unreachable");
      }
      entries.finish(id);
    }

    @Override
    public List<Entry> unfinished(long afterId, int limit) {
      if (down) {
        failedReads.incrementAndGet();
        throw new IllegalStateException("store unreachable");
      }
      return entries.unfinished(afterId, Integer.MAX_VALUE).stream()
          .filter(e -> held.contains(partitions.get(e.id()))).limit(limit).toList();
    }

    @Override
    public long backlog() {
      return entries.backlog();
    }

    @Override
    public long generation() {
      return generation.get();
    }

    @Override
    public boolean holds(String partition) {
      return held.contains(partition);
    }
  }
}
