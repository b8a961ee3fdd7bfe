package dev.timbot.plugins.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.store.Stores;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.message.TextElem;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import dev.timbot.test.BotTester;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desk's state and records in the bot's durable store (service.store unset = "store"). */
class KeyedStateDeskStoreTest {
  static final String BOT = "@RBT#service";
  /** No service.store: the default keeps the desk in the bot's store. */
  static final String YAML = "bot: { account: '" + BOT + "' }\nservice: { agents: [ { id: agent1 } ] }\n";

  @TempDir Path dir;

  BotTester bot(String storeUrl) {
    return BotTester.builder().account(BOT).yaml(YAML).plugin(ServicePlugin.class)
        .customize(b -> b.store(storeUrl)).build();
  }

  /**
   * Waits for {@code texts} of the bot to match. With a file store the bot's idleness does not yet
   * cover intake journaled through the store's commit thread (a gap of BotTester.awaitIdle), so
   * this polls for the outcome, with a deadline, instead.
   */
  static void until(BotTester t, String account, java.util.function.Predicate<List<String>> texts) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (!texts.test(ServicePluginTest.textsTo(t, account)) && System.nanoTime() < deadline) {
      t.awaitIdle();
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }

  @Test
  void aHandoffSurvivesARestartThroughTheBotsFileStore() {
    String url = "file:" + dir.resolve("timbot");
    try (BotTester t = bot(url)) {
      t.userLogsIn("agent1");
      t.user("bob").says("human please");
      until(t, "bob", x -> x.stream().anyMatch(m -> m.contains("agent1 is now with you")));
      assertThat(ServicePluginTest.textsTo(t, "bob")).anyMatch(x -> x.contains("agent1 is now with you"));
    }
    assertThat(dir.resolve("timbot")).isNotEmptyDirectory();
    assertThat(Files.exists(Path.of("data/service/state.json"))).as("no state.json of its own").isFalse();
    try (BotTester t = bot(url)) {
      t.userLogsIn("agent1");
      t.user("bob").says("still there?");
      until(t, "agent1", x -> x.contains("[bob] still there?"));
      assertThat(ServicePluginTest.textsTo(t, "agent1")).contains("[bob] still there?");
      assertThat(ServicePluginTest.textsTo(t, "bob")).noneMatch(x -> x.contains("queue") || x.contains("No agent"));
    }
  }

  @Test
  void withoutTheStoreTheHandoffIsGone_soTheTestAboveCanFail() {
    try (BotTester t = bot("file:" + dir.resolve("first"))) {
      t.userLogsIn("agent1");
      t.user("bob").says("human please");
      until(t, "bob", x -> x.stream().anyMatch(m -> m.contains("agent1 is now with you")));
    }
    try (BotTester t = bot("file:" + dir.resolve("second"))) {
      t.userLogsIn("agent1");
      t.user("bob").says("still there?");
      t.user("bob").says("human please"); // handled after "still there?" (one lane per conversation)
      until(t, "bob", x -> x.stream().anyMatch(m -> m.contains("agent1 is now with you")));
      assertThat(ServicePluginTest.textsTo(t, "agent1")).doesNotContain("[bob] still there?");
    }
  }

  static Message keyed(String from, String key, String text) {
    return Message.builder().conversation(Conversation.c2c(from)).from(from).to("bot").msgKey(key).text(text).build();
  }

  @Test
  void aRecallRemovesTheTranscriptEntryAndTheLeftMessageFromTheStore() {
    VirtualClock clock = new VirtualClock();
    try (Store store = Stores.open("memory:", clock)) {
      Store.KeyedState kv = store.state(KeyedStateDeskStore.NAMESPACE);
      KeyedStateDeskStore records = new KeyedStateDeskStore(() -> kv);
      ServiceDesk desk = ServiceDesk.builder()
          .config(ServiceConfig.builder().agent(new AgentSpec("alice", List.of(), 1)).build())
          .outbox((to, e) -> CompletableFuture.completedFuture("copy-" + to))
          .recaller((to, key) -> CompletableFuture.completedFuture(null))
          .clock(clock).store(records).meterRegistry(new SimpleMeterRegistry()).build();
      desk.restore();
      desk.onPresence("alice", true);
      desk.onMessage("u1", keyed("u1", "k-h", "human"));
      desk.onMessage("u1", keyed("u1", "k-pin", "my PIN is 1234"));
      desk.onMessage("u1", keyed("u1", "k-ok", "thanks"));
      assertThat(records.records(KeyedStateDeskStore.TRANSCRIPT).toString()).contains("1234").contains("thanks");

      desk.onRecall("u1", "k-pin");

      assertThat(records.records(KeyedStateDeskStore.TRANSCRIPT).toString()).doesNotContain("1234").contains("thanks");
      records.messageLeft("u2", Instant.EPOCH, "k-left", List.of(new TextElem("call me at 555")));
      records.messageLeft("u2", Instant.EPOCH, "k-keep", List.of(new TextElem("or email")));
      records.forget("k-left");
      assertThat(records.records(KeyedStateDeskStore.LEFT)).singleElement()
          .satisfies(j -> assertThat(j.get("msgKey").asText()).isEqualTo("k-keep"));
    }
  }

  @Test
  void recordsKeepTheirOrderAcrossAReopenAndTheStateRoundTrips() {
    VirtualClock clock = new VirtualClock();
    String url = "file:" + dir.resolve("kv");
    try (Store store = Stores.open(url, clock)) {
      KeyedStateDeskStore records = new KeyedStateDeskStore(() -> store.state("service"));
      assertThat(records.loadState()).isEmpty();
      records.messageLeft("u1", Instant.EPOCH, "a", List.of(new TextElem("first")));
      records.saveState(new DeskState(List.of(), List.of(), List.of(), List.of(), List.of(), 7));
    }
    try (Store store = Stores.open(url, clock)) {
      KeyedStateDeskStore records = new KeyedStateDeskStore(() -> store.state("service"));
      records.messageLeft("u1", Instant.EPOCH, "b", List.of(new TextElem("second")));
      assertThat(records.records(KeyedStateDeskStore.LEFT)).extracting(j -> j.get("msgKey").asText())
          .containsExactly("a", "b");
      assertThat(records.loadState()).hasValueSatisfying(s -> assertThat(s.sequence()).isEqualTo(7));
    }
  }
}
