package dev.timbot.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.BotEvent;
import dev.timbot.BotEvent.BotError;
import dev.timbot.SentMessage;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.internal.runtime.BotMetrics;
import dev.timbot.internal.runtime.EventBus;
import dev.timbot.internal.store.Stores;
import dev.timbot.message.Conversation;
import dev.timbot.message.TextElem;
import dev.timbot.Outgoing;
import dev.timbot.spi.Store.OutboxStore.State;
import dev.timbot.spi.Store;
import dev.timbot.spi.Store.OutboxStore;
import java.lang.reflect.Proxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableOutboxTest {
  @TempDir Path dir;
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final ScriptedIm im = new ScriptedIm();
  final EventBus events = new EventBus();
  final List<BotError> errors = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  Store store = Stores.open("memory:", clock);

  {
    events.on(BotEvent.ERROR, errors::add);
  }

  @AfterEach
  void close() {
    store.close();
  }

  DurableOutbox outbox() {
    return new DurableOutbox(store::outbox, im.client(), "bot", List.of(),
        new BotMetrics(meters, "bot").sendListener(events), clock,
        RetrySchedule.defaults(), new Random(7));
  }

  static Outgoing text(String to, String text) {
    return new Outgoing(Conversation.c2c(to), List.of(TextElem.of(text)), null);
  }

  @Test
  void msgSeqIncreasesPerConversationAndRetriesKeepSeqAndRandom() {
    DurableOutbox outbox = outbox();
    im.failures.add(ScriptedIm::outageFailure);
    CompletableFuture<SentMessage> a1 = outbox.send(text("alice", "one"));
    CompletableFuture<SentMessage> a2 = outbox.send(text("alice", "two"));
    CompletableFuture<SentMessage> b1 = outbox.send(text("bob", "hi"));
    assertThat(b1).isCompleted();
    assertThat(a1).isNotDone();
    clock.advance(Duration.ofSeconds(2));
    assertThat(a1).isCompleted();
    assertThat(a2).isCompleted();
    List<SendMessage> alice = im.attempts.stream().filter(m -> m.to().equals("alice")).toList();
    assertThat(alice).extracting(SendMessage::msgSeq).containsExactly(1L, 1L, 2L);
    assertThat(alice.get(0).msgRandom()).isEqualTo(alice.get(1).msgRandom());
    assertThat(im.landed).extracting(SendMessage::to).containsExactly("bob", "alice", "alice");
  }

  @Test
  void aRejectedSendIsADeadLetterThatCanBeReplayed() {
    DurableOutbox outbox = outbox();
    im.failures.add(() -> new ImException(93000, "text too long"));
    CompletableFuture<SentMessage> f = outbox.send(text("alice", "x".repeat(10)));
    assertThat(f).isCompletedExceptionally();
    assertThat(outbox.deadLetters(10)).singleElement().satisfies(e -> {
      assertThat(e.conversationId()).isEqualTo("C2Calice");
      assertThat(e.lastError()).contains("93000");
    });
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(BotError.Kind.SEND_FAILED);
      assertThat(e.code()).isEqualTo(93000);
      assertThat(e.description()).contains(outbox.deadLetters(10).get(0).id()).contains("alice");
    });
    assertThat(meters.counter("timbot.outbox.dead", "bot", "bot").count()).isEqualTo(1);

    String id = outbox.deadLetters(10).get(0).id();
    assertThat(outbox.replay(id)).isCompleted();
    assertThat(outbox.deadLetters(10)).isEmpty();
    assertThat(im.landed).hasSize(1);
    assertThat(im.landed.get(0).msgRandom()).isEqualTo(im.attempts.get(0).msgRandom());
  }

  @Test
  void anOutageLongerThanTheHorizonEndsInADeadLetter() {
    DurableOutbox outbox = outbox();
    for (int i = 0; i < 1000; i++) {
      im.failures.add(ScriptedIm::outageFailure);
    }
    CompletableFuture<SentMessage> f = outbox.send(text("alice", "hello"));
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(f).isCompletedExceptionally();
    assertThat(outbox.deadLetters(10)).singleElement()
        .satisfies(e -> assertThat(e.lastError()).contains("gave up after"));
    // Backoff, not a tight loop: about log2(60) + 10 retries in ten minutes.
    assertThat(im.attempts.size()).isBetween(8, 25);
  }

  @Test
  void aThreeMinuteOutageLosesNothingAndSendsEachMessageOnce() {
    DurableOutbox outbox = outbox();
    for (int i = 0; i < 1000; i++) {
      im.failures.add(ScriptedIm::outageFailure);
    }
    List<CompletableFuture<SentMessage>> sent = List.of(outbox.send(text("alice", "1")), outbox.send(text("alice", "2")));
    for (int i = 0; i < 18; i++) {
      clock.advance(Duration.ofSeconds(10));
    }
    im.failures.clear(); // the service is back after three minutes
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(sent).allMatch(CompletableFuture::isDone).noneMatch(CompletableFuture::isCompletedExceptionally);
    assertThat(im.landed).extracting(SendMessage::msgSeq).containsExactly(1L, 2L);
  }

  @Test
  void aRetryPastTheServiceDedupeWindowLooksInTheHistoryFirst() {
    DurableOutbox outbox = outbox();
    im.loseAnswers = true; // attempt 1 lands but its answer is lost; then three minutes of outage
    CompletableFuture<SentMessage> f = outbox.send(text("alice", "hello"));
    im.loseAnswers = false;
    for (int i = 0; i < 1000; i++) {
      im.failures.add(ScriptedIm::outageFailure);
    }
    for (int i = 0; i < 18; i++) {
      clock.advance(Duration.ofSeconds(10));
    }
    im.failures.clear();
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(f).isCompleted();
    assertThat(im.landed).hasSize(1);
    assertThat(im.roamQueries).isPositive();
  }

  /**
   * Ids made outside a handler's journal entry sort in the order the sends were made: the embedded
   * store keeps records in id order, and random ids spread them over every page of the map.
   */
  @Test
  void sendsMadeOutsideAHandlerGetDistinctIdsThatSortInTheOrderTheyWereMade() {
    List<String> recorded = new CopyOnWriteArrayList<>();
    OutboxStore real = store.outbox();
    OutboxStore watched = (OutboxStore) Proxy.newProxyInstance(OutboxStore.class.getClassLoader(),
        new Class<?>[] {OutboxStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("record")) {
            recorded.add(((OutboxStore.Entry) args[0]).id());
          }
          return method.invoke(real, args);
        });
    DurableOutbox outbox = new DurableOutbox(() -> watched, im.client(), "bot", List.of(),
        new BotMetrics(meters, "bot").sendListener(events), clock, RetrySchedule.defaults(), new Random(7));
    for (int i = 0; i < 200; i++) {
      outbox.send(text("alice", "notice " + i)).join();
    }
    assertThat(recorded).hasSize(200).doesNotHaveDuplicates().isSorted().allMatch(id -> id.startsWith("r"));
  }

  /**
   * A confirmed send is kept as done only while a handler run again could make it: one made outside
   * a handler is forgotten at once, one of a handler once its journal entry is finished.
   */
  @Test
  void aConfirmedSendIsKeptOnlyWhileAHandlerRunAgainCouldMakeIt() {
    DurableOutbox outbox = outbox();
    outbox.send(text("alice", "notice")).join();
    assertThat(store.outbox().list(State.DONE, 10)).as("made outside a handler: nothing makes it again").isEmpty();

    Origin handler = new Origin(42);
    List<CompletableFuture<SentMessage>> sent = new java.util.ArrayList<>();
    handler.runWith(() -> sent.add(outbox.send(text("alice", "answer"))));
    sent.get(0).join();
    assertThat(store.outbox().get("j42#0")).as("its journal entry is not finished: the handler may run again")
        .map(Store.OutboxStore.Entry::state).contains(State.DONE);

    handler.journalEntryFinished();
    handler.runWith(() -> sent.add(outbox.send(text("alice", "follow-up"))));
    sent.get(1).join();
    assertThat(store.outbox().get("j42#1")).as("confirmed after its journal entry was finished").isEmpty();
    assertThat(store.outbox().get("j42#0")).map(Store.OutboxStore.Entry::state).contains(State.DONE);
    assertThat(im.landed).hasSize(3);
  }

  @Test
  void theSameSendMadeAgainAfterACrashIsNotSentTwice() {
    DurableOutbox outbox = outbox();
    new Origin(42).runWith(() -> outbox.send(text("alice", "answer")));
    new Origin(42).runWith(() -> outbox.send(text("alice", "answer")));
    assertThat(im.landed).hasSize(1);
    assertThat(store.outbox().get("j42#0")).map(e -> e.state()).contains(State.DONE);
  }

  @Test
  void aHandlerRunAgainAfterARestartGetsTheSameSentMessageFromItsDoneEntryAndSendsNothing() {
    store = Stores.open("file:" + dir, clock);
    SentMessage first = sendAs(42, outbox(), text("alice", "answer"));
    assertThat(store.outbox().get("j42#0").orElseThrow().payload()).as("done without its payload").isEmpty();
    store.close(); // the process dies before its journal entry is finished: the handler runs again

    store = Stores.open("file:" + dir, clock);
    SentMessage again = sendAs(42, outbox(), text("alice", "answer"));
    assertThat(im.landed).hasSize(1);
    assertThat(again.msgSeq()).isEqualTo(first.msgSeq());
    assertThat(again.conversation()).isEqualTo(first.conversation());
    assertThat(again.elements()).isEqualTo(first.elements());
    assertThat(outbox().send(text("alice", "next")).join().msgSeq()).isEqualTo(first.msgSeq() + 1);
  }

  @Test
  void aHandlerRunAgainWhoseRecordDoesNotDecodeFailsItsSendInsteadOfHangingIt() {
    store.outbox().record(new Store.OutboxStore.Entry("j42#0", "C2Calice", 1, 7, "not json".getBytes(),
        State.PENDING, 1, clock.now(), clock.now(), null)).join();
    List<CompletableFuture<SentMessage>> sent = new java.util.ArrayList<>();
    new Origin(42).runWith(() -> sent.add(outbox().send(text("alice", "answer"))));
    assertThat(sent.get(0)).isCompletedExceptionally();
    assertThat(im.attempts).isEmpty();
  }

  /** A send made by the handler of journal entry {@code journalId}, and its result. */
  private static SentMessage sendAs(long journalId, DurableOutbox outbox, Outgoing message) {
    List<CompletableFuture<SentMessage>> sent = new java.util.ArrayList<>();
    new Origin(journalId).runWith(() -> sent.add(outbox.send(message)));
    return sent.get(0).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join(); // a send that never completes fails, not hangs
  }

  @Test
  void pendingSendsSurviveARestartWithTheirSeqAndRandom() {
    store = Stores.open("file:" + dir, clock);
    DurableOutbox first = outbox();
    for (int i = 0; i < 1000; i++) {
      im.failures.add(ScriptedIm::outageFailure);
    }
    first.send(text("alice", "1"));
    first.send(text("alice", "2"));
    await().until(() -> im.attempts.size() >= 1);
    await().until(() -> store.outbox().list(State.PENDING, 10).size() == 2);
    store.close(); // the process dies; its timers die with it
    im.failures.clear();
    long random = im.attempts.get(0).msgRandom();

    store = Stores.open("file:" + dir, clock);
    DurableOutbox second = new DurableOutbox(store::outbox, im.client(), "bot", List.of(),
        new BotMetrics(meters, "bot").sendListener(events), clock, RetrySchedule.defaults(), new Random(7));
    assertThat(second.resume(conversation -> true)).isEqualTo(2);
    await().until(() -> im.landed.size() == 2);
    assertThat(im.landed).extracting(SendMessage::msgSeq).containsExactly(1L, 2L);
    assertThat(im.landed.get(0).msgRandom()).isEqualTo(random);
    assertThat(second.send(text("alice", "3")).join().msgSeq()).isEqualTo(3);
  }

  @Test
  void aProcessTakesOverOnlyTheUnconfirmedSendsOfConversationsItNowHolds() {
    // Process A (on a store shared with B) records replies to alice and bob, then dies unconfirmed.
    DurableOutbox a = outbox();
    for (int i = 0; i < 1000; i++) {
      im.failures.add(ScriptedIm::outageFailure);
    }
    a.send(text("alice", "a1"));
    a.send(text("alice", "a2"));
    a.send(text("bob", "b1"));
    await().until(() -> store.outbox().list(State.PENDING, 10).size() == 3);
    im.failures.clear();

    DurableOutbox b = outbox();
    assertThat(b.resume(conversation -> conversation.equals("C2Calice"))).isEqualTo(2);
    assertThat(b.resume(conversation -> conversation.equals("C2Calice")))
        .as("what B is already making is not taken twice").isZero();
    b.send(text("alice", "a3"));
    await().until(() -> im.landed.stream().filter(m -> m.to().equals("alice")).count() == 3);
    assertThat(im.landed).filteredOn(m -> m.to().equals("alice")).extracting(SendMessage::msgSeq)
        .as("the dead process's replies first, in order").containsExactly(1L, 2L, 3L);
    assertThat(store.outbox().list(State.PENDING, 10)).extracting(e -> e.conversationId())
        .as("bob's conversation is another process's").containsExactly("C2Cbob");
  }
}
