package dev.timbot.plugins.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.store.Stores;
import dev.timbot.message.Conversation;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import dev.timbot.test.BotTester;
import dev.timbot.test.FakeIm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two bots ("processes") with the calls plugin on one shared store ({@code calls.cluster: auto}
 * finds it shared), through the real runtime: callbacks, lanes, the outbox, and the bot's durable
 * timer poller. Each bot journals the callbacks delivered to it (what the shared journal's
 * partitions decide in production; tested in store-redis), so a test chooses which process
 * handles the customer's invitation and which the agent's answer. Assertions are on what each
 * bot's IM client was asked to send.
 */
class CallsPluginClusterTest {
  static final String BOT = CallsPluginTest.BOT;
  static final String YAML = "bot: { account: '" + BOT + "' }\ncalls:\n  agents: [agent1, agent2]\n  log: store\n";

  final VirtualClock clock = new VirtualClock();
  final Map<String, BotTester> bots = new LinkedHashMap<>();
  final Map<BotTester, List<CallRecord>> ended = new LinkedHashMap<>();
  final List<Store> opened = new ArrayList<>();
  Store shared;

  /** The store shared by the processes, as process {@code name} connects to it. */
  Store sharedStoreFor(String name) {
    if (shared == null) {
      shared = Stores.open("memory:", clock);
      opened.add(shared);
    }
    return shared;
  }

  @AfterEach
  void closeAll() {
    bots.values().forEach(BotTester::close);
    opened.forEach(Store::close);
  }

  BotTester process(String name) {
    Store own = Stores.open("memory:", clock);
    Store store = new ProcessStore(own, sharedStoreFor(name));
    BotTester t = BotTester.builder().account(BOT).yaml(YAML).clock(clock).im(new FakeIm())
        .plugin(CallsPlugin.class).customize(b -> b.store(store)).build();
    bots.put(name, t);
    List<CallRecord> records = new CopyOnWriteArrayList<>();
    t.bot().on(CallsPlugin.CALL_ENDED, records::add);
    ended.put(t, records);
    return t;
  }

  static List<CallAction> actionsTo(BotTester t, String account) {
    return CallsPluginTest.actionsTo(t, account);
  }

  List<CallRecord> ended(BotTester t) {
    return ended.get(t);
  }

  @Test
  void invitationHandledByA_answerByB_hangUpByA() {
    BotTester a = process("A");
    BotTester b = process("B");
    a.user("alice").sendsCustom(CallsPluginTest.INVITE);
    a.awaitSent(2);
    assertThat(actionsTo(a, "agent1")).containsExactly(CallAction.INVITE);
    assertThat(actionsTo(a, "agent2")).containsExactly(CallAction.INVITE);

    b.user("agent2").sendsCustom(CallsPluginTest.v3(4, 0));
    b.awaitSent(2);
    assertThat(actionsTo(b, "alice")).containsExactly(CallAction.ACCEPT);
    assertThat(actionsTo(b, "agent1")).containsExactly(CallAction.CANCEL);

    a.advance(Duration.ofSeconds(95));
    a.user("alice").sendsCustom(CallsPluginTest.v3(5, 94));
    a.awaitSent(3);
    FakeIm.Sent hangup = a.im().sent().get(2);
    assertThat(hangup.to()).isEqualTo(Conversation.c2c("agent2"));
    assertThat(CallSignals.decode(hangup.custom().data()).orElseThrow().durationSeconds()).isEqualTo(95);
    assertThat(ended(a)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
      assertThat(r.answeredBy()).isEqualTo("agent2");
    });
    assertThat(ended(b)).isEmpty();
    Store.KeyedState log = sharedStoreFor("A").state(StoreCallLog.NAMESPACE);
    assertThat(log.keys(StoreCallLog.PREFIX)).hasSize(1);
  }

  @Test
  void ringTimeoutArmedByAStoppedProcessFiresOnceOnTheOther() {
    BotTester a = process("A");
    BotTester b = process("B");
    a.user("alice").sendsCustom(CallsPluginTest.INVITE);
    a.awaitSent(2);
    a.close(); // A is gone: its timer poller with it; the call stays in the store
    assertThat(actionsTo(a, "alice")).isEmpty();

    b.advance(Duration.ofSeconds(59));
    assertThat(b.im().sent()).isEmpty();
    b.advance(Duration.ofSeconds(2)); // v3 rings 60 s; B's poller runs every second
    b.awaitSent(3);
    assertThat(actionsTo(b, "alice")).containsExactly(CallAction.NO_ANSWER);
    assertThat(actionsTo(b, "agent1")).containsExactly(CallAction.NO_ANSWER);
    assertThat(actionsTo(b, "agent2")).containsExactly(CallAction.NO_ANSWER);
    assertThat(ended(b)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(CallOutcome.MISSED));

    b.advance(Duration.ofMinutes(10));
    assertThat(b.im().sent()).hasSize(3);
    assertThat(a.im().sent()).hasSize(2); // A's two invitations, nothing after it stopped
  }

  @Test
  void bothAlive_theRingTimeoutFiresInOneOfThem() {
    BotTester a = process("A");
    BotTester b = process("B");
    b.user("bob").sendsCustom(CallsPluginTest.INVITE);
    b.awaitSent(2);
    a.advance(Duration.ofSeconds(61));
    b.awaitIdle();
    List<FakeIm.Sent> after = new CopyOnWriteArrayList<>(a.im().sent());
    after.addAll(b.im().sent().subList(2, b.im().sent().size()));
    assertThat(after).extracting(s -> s.to().id() + ":" + CallSignals.decode(s.custom().data()).orElseThrow().action())
        .containsExactlyInAnyOrder("agent1:NO_ANSWER", "agent2:NO_ANSWER", "bob:NO_ANSWER");
    assertThat(ended(a).size() + ended(b).size()).isEqualTo(1);
  }

  /** One process's store: its own journal, dedupe and outbox; state and timers shared with the others. */
  static final class ProcessStore implements Store {
    private final Store own;
    private final Store shared;

    ProcessStore(Store own, Store shared) {
      this.own = own;
      this.shared = shared;
    }

    @Override public InboxJournal journal() { return own.journal(); }
    @Override public DedupeWindow dedupe() { return own.dedupe(); }
    @Override public OutboxStore outbox() { return own.outbox(); }
    @Override public KeyedState state(String namespace) { return shared.state(namespace); }
    @Override public TimerStore timers() { return shared.timers(); }
    @Override public boolean shared() { return true; }
    @Override public String describe() { return "process store over " + shared.describe(); }
    @Override public void close() { own.close(); }
  }
}
