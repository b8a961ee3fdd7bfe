package dev.timbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.internal.inbox.JournaledCallback;
import dev.timbot.internal.store.Stores;
import dev.timbot.message.TextElem;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.spi.Store;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash leaves in the store is finished by the next start: journaled callbacks are
 * dispatched again in order, a reply already confirmed is not sent again, a redelivered message is
 * recognised, and MsgSeq goes on from where it was.
 */
class JournalReplayTest {
  @TempDir Path dir;
  final List<SendMessage> sent = new CopyOnWriteArrayList<>();
  /** While set, the service's answers wait here until the test gives them. */
  volatile List<Runnable> heldAnswers;

  static byte[] c2c(String from, int seq, String text) {
    String json = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"" + from + "\",\"To_Account\":\"echo\","
        + "\"MsgSeq\":" + seq + ",\"MsgRandom\":" + (100 + seq) + ",\"MsgTime\":1767225600,\"MsgKey\":\"" + seq + "_"
        + (100 + seq) + "_1767225600\",\"MsgId\":\"id-" + from + seq + "\",\"SendMsgResult\":0,\"UnreadMsgNum\":1,"
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}}]}";
    return new JournaledCallback("Bot.OnC2CMessage", "127.0.0.1", "RESTAPI", Instant.parse("2026-01-01T00:00:00Z"),
        json.getBytes(StandardCharsets.UTF_8)).encode();
  }

  ImClient im() {
    return (ImClient) Proxy.newProxyInstance(ImClient.class.getClassLoader(), new Class<?>[] {ImClient.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "importAccount", "createRobot", "setProfile" -> CompletableFuture.completedFuture(null);
          case "checkAccounts" -> CompletableFuture.completedFuture(Map.of("echo", true));
          case "sendMessage" -> {
            SendMessage m = (SendMessage) args[0];
            sent.add(m);
            SendResult answer = new SendResult("k", Instant.EPOCH, null, m.msgSeq(), m.msgRandom());
            List<Runnable> held = heldAnswers;
            if (held == null) {
              yield CompletableFuture.completedFuture(answer);
            }
            CompletableFuture<SendResult> later = new CompletableFuture<>();
            held.add(() -> later.complete(answer));
            yield later;
          }
          case "toString" -> "FakeIm";
          case "hashCode" -> 0;
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void theNextStartFinishesWhatACrashLeft() {
    // The crashed process: four callbacks journaled and acknowledged; the first one's reply was
    // confirmed (its journal entry not yet finished); alice's MsgSeq counter stood at 1.
    try (Store store = Stores.open("file:" + dir, BotClock.system())) {
      List<Long> ids = List.of(
          store.journal().append("C2C" + "alice", c2c("alice", 1, "first")).join(),
          store.journal().append("C2C" + "alice", c2c("alice", 2, "second")).join(),
          store.journal().append("C2C" + "bob", c2c("bob", 7, "hello")).join(),
          store.journal().append("C2C" + "alice", c2c("alice", 2, "second")).join()); // the same message delivered again
      long seq = store.outbox().nextSeq("C2Calice");
      store.outbox().record(new OutboxStore.Entry("j" + ids.get(0) + "#0", "C2Calice", seq, 4242,
          "{\"To\":\"C2Calice\",\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"You said: first\"}}]}"
              .getBytes(StandardCharsets.UTF_8), OutboxStore.State.PENDING, 1, Instant.now(), Instant.now(), null))
          .join();
      store.outbox().done("j" + ids.get(0) + "#0", Duration.ofHours(1));
      store.dedupe().claim("id:id-alice1", "j" + ids.get(0), Duration.ofMinutes(10));
    }

    BotConfig config = BotConfig.parse("bot: {account: echo}\nstore: {url: 'file:" + dir + "'}\n");
    try (Bot bot = Bot.builder().config(config).imClient(im()).externalIntake()
        .plugin((Plugin) on -> on.text(ctx -> ctx.reply("You said: " + ctx.text()))).build()) {
      bot.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() >= 2);
      bot.awaitIdle(Duration.ofSeconds(5));
      assertThat(sent).extracting(m -> ((TextElem) m.elements().get(0)).text(), SendMessage::to)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("You said: second", "alice"),
              org.assertj.core.groups.Tuple.tuple("You said: hello", "bob"));
      assertThat(sent).filteredOn(m -> m.to().equals("alice")).extracting(SendMessage::msgSeq).containsExactly(2L);
      assertThat(sent).filteredOn(m -> m.to().equals("bob")).extracting(SendMessage::msgSeq).containsExactly(1L);
    }
    try (Store store = Stores.open("file:" + dir, BotClock.system())) {
      assertThat(store.journal().backlog()).isZero();
    }
  }

  /**
   * A reply the service confirms after its journal entry is finished is forgotten: no handler can
   * make it again, so the store keeps no done record of it (OutboxStore#forget). One confirmed while
   * the entry is unfinished is kept as done (theNextStartFinishesWhatACrashLeft relies on that).
   */
  @Test
  void aReplyConfirmedAfterItsJournalEntryIsFinishedLeavesNoRecord() {
    try (Store store = Stores.open("file:" + dir, BotClock.system())) {
      long id = store.journal().append("C2Calice", c2c("alice", 1, "first")).join();
      heldAnswers = new CopyOnWriteArrayList<>();
      try (Bot bot = Bot.builder().config(BotConfig.parse("bot: {account: echo}\n")).store(store).imClient(im())
          .externalIntake().plugin((Plugin) on -> on.text(ctx -> ctx.reply("You said: " + ctx.text()))).build()) {
        bot.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> heldAnswers.size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.journal().backlog() == 0); // its entry finished
        heldAnswers.forEach(Runnable::run);
        bot.awaitIdle(Duration.ofSeconds(5));
      }
      assertThat(sent).extracting(SendMessage::to).containsExactly("alice");
      assertThat(store.outbox().get("j" + id + "#0")).as("confirmed after its entry was finished").isEmpty();
      assertThat(store.outbox().list(OutboxStore.State.DONE, 10)).isEmpty();
    }
  }

  @Test
  void aCallbackWhoseDedupeClaimFailsWhileTheStoreIsAwayWaitsInTheJournalAndIsAnsweredOnce() {
    FlakyStore store = new FlakyStore(Stores.open("memory:", BotClock.system()));
    store.journal().append("C2Calice", c2c("alice", 1, "hi")).join();
    store.down = true;
    BotConfig config = BotConfig.parse("bot: {account: echo}\n");
    try (Bot bot = Bot.builder().config(config).store(store).imClient(im()).externalIntake()
        .plugin((Plugin) on -> on.text(ctx -> ctx.reply("You said: " + ctx.text()))).build()) {
      bot.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> store.refusedClaims.get() >= 3);
      assertThat(sent).isEmpty();
      assertThat(store.journal().backlog()).as("still journaled").isEqualTo(1);
      store.down = false;
      await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1);
      bot.awaitIdle(Duration.ofSeconds(5));
      assertThat(sent).extracting(m -> ((TextElem) m.elements().get(0)).text()).containsExactly("You said: hi");
      assertThat(store.journal().backlog()).isZero();
    }
  }

  /** A store whose dedupe window is unreachable while {@code down}, as a shared store in an outage. */
  static final class FlakyStore implements Store {
    final Store inner;
    final java.util.concurrent.atomic.AtomicInteger refusedClaims = new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean down;

    FlakyStore(Store inner) {
      this.inner = inner;
    }

    @Override
    public InboxJournal journal() {
      return inner.journal();
    }

    @Override
    public DedupeWindow dedupe() {
      return (key, owner, ttl) -> {
        if (down) {
          refusedClaims.incrementAndGet();
          throw new Store.Unavailable("store flaky: is unreachable", null);
        }
        return inner.dedupe().claim(key, owner, ttl);
      };
    }

    @Override
    public OutboxStore outbox() {
      return inner.outbox();
    }

    @Override
    public KeyedState state(String namespace) {
      return inner.state(namespace);
    }

    @Override
    public TimerStore timers() {
      return inner.timers();
    }

    @Override
    public String describe() {
      return "flaky";
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
