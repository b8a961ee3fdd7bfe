package dev.timbot.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.internal.callback.CallbackParser;
import dev.timbot.internal.callback.ReceivedCallback;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receiving thread hands the next callback on itself (no wake-up of the pump thread), and only
 * the one right after the cursor: a callback that arrives before an earlier one waits for it.
 */
class DirectHandOnTest {
  record Handed(long id, String thread) {}

  final List<Handed> handed = new CopyOnWriteArrayList<>();
  final AtomicBoolean laneFull = new AtomicBoolean();
  final AsyncAckTest.FakeJournal journal = new AsyncAckTest.FakeJournal();
  final JournalPump pump = new JournalPump(() -> journal, (cb, id, done) -> {
    if (laneFull.get()) {
      return false;
    }
    handed.add(new Handed(id, Thread.currentThread().getName()));
    return true;
  }, () -> 0, 100, () -> { });

  static ReceivedCallback callback(int n) throws Exception {
    return new ReceivedCallback(CallbackParser.parse("Bot.OnC2CMessage", JournalBeforeAckTest.body(n)), "1.2.3.4",
        "RESTAPI", Instant.parse("2026-01-01T00:00:00Z"));
  }

  void started() {
    pump.start("test-pump");
    long passes = pump.emptyPasses();
    await().atMost(Duration.ofSeconds(10)).until(() -> pump.emptyPasses() > passes + 1); // the replay pass is done
  }

  @AfterEach
  void stop() {
    pump.stop();
  }

  @Test
  void theNextCallbackIsHandedOnByTheThreadThatReceivedIt() throws Exception {
    started();
    pump.ready(1, callback(1));
    pump.ready(2, callback(2));
    String me = Thread.currentThread().getName();
    assertThat(handed).containsExactly(new Handed(1, me), new Handed(2, me));
  }

  @Test
  void aCallbackAheadOfAnEarlierOneWaitsForIt() throws Exception {
    started();
    pump.ready(2, callback(2));
    assertThat(handed).as("entry 1 is not handed on yet").isEmpty();
    pump.ready(1, callback(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> handed.size() == 2);
    assertThat(handed).extracting(Handed::id).containsExactly(1L, 2L);
  }

  @Test
  void aFullLaneIsLeftToThePumpWithoutHoldingTheReceivingThread() throws Exception {
    started();
    laneFull.set(true);
    pump.ready(1, callback(1)); // returns although the lane cannot take it
    assertThat(handed).isEmpty();
    laneFull.set(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> handed.size() == 1);
    assertThat(handed.get(0)).isEqualTo(new Handed(1, "test-pump"));
  }
}
