package dev.timbot.plugins.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.BotEvent;
import dev.timbot.Plugin;
import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto-reply through the test kit: welcome once, rules, FAQ's turn before the fallback, reload. */
class AutoReplyPluginTest {
  static final String RULES = """
      autoreply:
        rules:
          - { id: hours, keywords: { any: [hours, 营业时间] }, reply: "We are open 9-18." }
          - { id: order, regex: "order (?<no>\\\\d+)", reply: "Order {no}: shipped." }
        welcome: { reply: "Welcome, {nick}!" }
        fallback: { reply: "Sorry, I don't know that one.", interval: 10m }
      """;

  /** Stands in for the FAQ plugin: answers "faq …" at its priority (20) and blocks. */
  static final Plugin FAQ = on -> on.when(m -> m.text().startsWith("faq"), ctx -> ctx.reply("FAQ answer"))
      .priority(20).block();

  @Test
  void welcomeOnceRulesFaqThenAFallbackForEveryMiss() {
    try (BotTester t = BotTester.builder().yaml("bot: { account: shopbot }\n" + RULES).plugin(AutoReplyPlugin.class).plugin(FAQ).build()) {
      t.im().profile("alice", "Alice");
      t.user("alice").says("what are your hours?");
      t.shouldReply("Welcome, Alice!").shouldReply("We are open 9-18.").shouldNotReply();
      t.user("alice").says("order 42");
      t.shouldReply("Order 42: shipped.").shouldNotReply();
      t.user("alice").says("faq returns");
      t.shouldReply("FAQ answer").shouldNotReply(); // the FAQ answered: no fallback
      t.user("alice").says("qwerty");
      t.shouldReply("Sorry, I don't know that one.").shouldNotReply();
      t.user("alice").says("asdf");
      t.shouldReply("Sorry, I don't know that one.").shouldNotReply(); // every miss is answered
      t.advance(Duration.ofMinutes(10));
      t.user("alice").says("zxcv");
      t.shouldReply("Sorry, I don't know that one.");
    }
  }

  @Test
  void theEnterChatTriggerWelcomesAndIsNotAnsweredOtherwise() {
    try (BotTester t = BotTester.builder().yaml("bot: { account: shopbot }\n" + RULES).plugin(AutoReplyPlugin.class).build()) {
      t.user("bob").sendsCustom("{\"customerServicePlugin\":0,\"src\":\"7\"}");
      t.shouldReply("Welcome, bob!").shouldNotReply();
      t.user("bob").sendsCustom("{\"customerServicePlugin\":0,\"src\":\"7\"}");
      t.shouldReply("Welcome, bob!").shouldNotReply();
    }
  }

  @Test
  void outOfHoursOncePerConversation() {
    String yaml = """
        autoreply:
          workingHours:
            zone: UTC
            weekly: { mon-fri: "09:00-18:00" }
            outOfHours: "We are closed until 9:00."
        """;
    try (BotTester t = BotTester.builder().yaml("bot: { account: shopbot }\n" + yaml).plugin(AutoReplyPlugin.class).build()) {
      t.clock().setWallTime(Instant.parse("2026-01-05T20:00:00Z")); // Monday 20:00
      t.user("alice").says("hello?");
      t.shouldReply("We are closed until 9:00.").shouldNotReply();
      t.user("alice").says("anyone?");
      t.shouldNotReply();
      t.clock().setWallTime(Instant.parse("2026-01-06T10:00:00Z"));
      t.user("alice").says("morning");
      t.shouldNotReply();
    }
  }

  @Test
  void aBrokenRulesFileKeepsTheOldRulesAndReportsTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "rules:\n  - { id: ping, exact: ping, reply: pong }\n");
    String yaml = "autoreply: { file: '" + file.toString().replace("'", "''") + "', poll: 1s }\n";
    try (BotTester t = BotTester.builder().yaml("bot: { account: shopbot }\n" + yaml).plugin(AutoReplyPlugin.class).build()) {
      t.user("alice").says("ping");
      t.shouldReply("pong");
      Files.writeString(file, "rules:\n  - { id: ping, exact: ping, reply: PONG }\n");
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
      t.advance(Duration.ofSeconds(1));
      t.user("alice").says("ping");
      t.shouldReply("PONG");
      Files.writeString(file, "rules:\n  - { id: ping, exact: ping\n");
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2031-01-02T00:00:00Z")));
      t.advance(Duration.ofSeconds(1));
      t.user("alice").says("ping");
      t.shouldReply("PONG");
      assertThat(t.errors()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(BotEvent.BotError.Kind.PLUGIN_FAILED);
        assertThat(e.description()).contains("rules.yaml:");
      });
    }
  }

  /** A desk whose only agent is agent1, as the customer-service plugin provides it. */
  static final Plugin DESK = on -> on.provide(dev.timbot.HumanHandoff.class, new dev.timbot.HumanHandoff() {
    @Override public boolean isAgent(String userId) { return userId.equals("agent1"); }
    @Override public boolean isAvailable(String agent) { return true; }
    @Override public java.util.Optional<String> agentOf(String customer) { return java.util.Optional.empty(); }
    @Override public void botAnswered(String customer) {}
    @Override public void botGaveUp(String customer) {}
    @Override public void letThrough(java.util.function.Predicate<dev.timbot.message.Message> messages) {}
  });

  @Test
  void anAgentIsNeverGreetedOrAnsweredAsACustomer() {
    try (BotTester t = BotTester.builder().yaml("bot: { account: shopbot }\n" + RULES)
        .plugin(DESK).plugin(AutoReplyPlugin.class).build()) {
      t.user("agent1").sendsCustom("{\"version\":3,\"action\":4,\"call_type\":1,\"room_id\":7}");
      t.shouldNotReply(); // accepting a call: no "Welcome, Agent 1!"
      t.user("agent1").says("what are your hours?");
      t.user("agent1").says("qwerty");
      t.shouldNotReply();
      t.user("customer1").says("qwerty");
      t.shouldReply("Welcome, customer1!").shouldReply("Sorry, I don't know that one.");
    }
  }
}
