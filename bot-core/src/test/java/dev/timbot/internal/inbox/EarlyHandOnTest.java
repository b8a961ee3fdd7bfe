package dev.timbot.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.store.EmbeddedStore;
import dev.timbot.internal.store.HeldCommits;
import dev.timbot.spi.BotClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the embedded store a callback is handed on while its journal entry's commit is under way
 * (its replies' records can join that commit), and acknowledged only once the entry is durable.
 */
class EarlyHandOnTest {
  @TempDir Path dir;

  @Test
  void aCallbackIsHandedOnBeforeItsCommitAndAnsweredOkAfterIt() throws Exception {
    HeldCommits held = new HeldCommits();
    List<ReceivedCallback> handedOn = new CopyOnWriteArrayList<>();
    try (EmbeddedStore store = held.open(dir, BotClock.system())) {
      JournalPump pump = new JournalPump(store::journal, (cb, id, done) -> handedOn.add(cb), () -> 0, 10, () -> { });
      CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(JournalBeforeAckTest.APP).clock(BotClock.system())
          .sink(handedOn::add).journal(new StoreCallbackJournal(store::journal, pump, 100, () -> { }, "bot",
              Duration.ofSeconds(60))).build();
      pump.start("test-pump");
      try {
        held.hold();
        CompletableFuture<CallbackResponse> answer = CompletableFuture.supplyAsync(
            () -> receiver.handle(JournalBeforeAckTest.QUERY, JournalBeforeAckTest.body(1)));
        assertThat(held.awaitWaitingCommit()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 1);
        assertThat(answer).as("not acknowledged before the entry is durable").isNotDone();

        held.release();
        assertThat(answer.get(10, TimeUnit.SECONDS).accepted()).isTrue();
        assertThat(handedOn).hasSize(1);
      } finally {
        pump.stop();
      }
    }
  }
}
