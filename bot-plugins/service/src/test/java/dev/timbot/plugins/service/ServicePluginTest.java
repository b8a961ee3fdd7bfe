package dev.timbot.plugins.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Inject;
import dev.timbot.Capabilities;
import dev.timbot.Handlers;
import dev.timbot.HumanHandoff;
import dev.timbot.internal.store.Stores;
import dev.timbot.message.Conversation;
import dev.timbot.Plugin;
import dev.timbot.spi.Store;
import dev.timbot.test.BotTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The desk wired into a bot: presence from callbacks, relay through the bot, other plugins muted. */
class ServicePluginTest {
  static final String BOT = "@RBT#service";

  /** {@code cluster}: the desk shared through the bot's store, as with several instances on Redis. */
  static String storage(boolean cluster) {
    return cluster ? "store: store, cluster: true" : "store: memory";
  }

  static BotTester tester() {
    return tester(false);
  }

  static BotTester tester(boolean cluster) {
    return BotTester.builder().account(BOT)
        .yaml("bot: { account: '" + BOT + "' }\nservice: { agents: [ { id: agent1 } ], " + storage(cluster) + " }\n")
        .plugin(ServicePlugin.class)
        .plugin((Plugin) on -> on.text(ctx -> ctx.reply("bot: " + ctx.text())).priority(50))
        .build();
  }

  static java.util.List<String> textsTo(BotTester t, String account) {
    return t.im().sent().stream().filter(s -> s.to().equals(Conversation.c2c(account))).map(s -> s.text()).toList();
  }


  @Test
  void presenceFromStateChange_handoff_relay_andTheBotStaysQuiet() {
    try (BotTester t = tester()) {
      t.user("alice").says("hello");
      t.shouldReply("bot: hello");
      t.user("alice").says("转人工");
      t.shouldReply(s -> assertThat(s.text()).contains("No agent is online"));
      t.userLogsIn("agent1");
      t.user("bob").says("human please");
      t.shouldReply(s -> {
        assertThat(s.to()).isEqualTo(Conversation.c2c("bob"));
        assertThat(s.text()).contains("agent1");
      });
      t.shouldReply(s -> assertThat(s.to()).isEqualTo(Conversation.c2c("agent1")));
      t.user("bob").says("my parcel is lost");
      t.shouldReply(s -> {
        assertThat(s.to()).isEqualTo(Conversation.c2c("agent1"));
        assertThat(s.text()).isEqualTo("[bob] my parcel is lost");
      }).shouldNotReply(); // no "bot:" echo: the desk owns the conversation
      t.user("agent1").sendsImage("http://img/x.png", 10, 10);
      t.shouldReply(s -> {
        assertThat(s.to()).isEqualTo(Conversation.c2c("bob"));
        assertThat(s.elements()).hasSize(1);
      });
      t.user("carol").says("/accept");
      t.shouldReply(s -> assertThat(s.text()).contains("agents only"));
    }
  }

  @ParameterizedTest(name = "shared desk: {0}")
  @ValueSource(booleans = {false, true})
  void severalCustomersAndAgentsOnTheVirtualClock(boolean cluster) {
    String yaml = "bot: { account: '" + BOT + "' }\n"
        + "service:\n"
        + "  agents: [ { id: agent1, maxConcurrent: 1 }, { id: agent2, maxConcurrent: 1 } ]\n"
        + (cluster ? "  store: store\n  cluster: true\n" : "  store: memory\n")
        + "  queueTimeout: 5m\n  inactivityReminder: 3m\n  inactivityClose: 6m\n";
    try (BotTester t = BotTester.builder().yaml(yaml).plugin(ServicePlugin.class).build()) {
      t.userLogsIn("agent1");
      t.userLogsIn("agent2");
      t.user("u1").says("human");
      t.user("u2").says("human");
      t.user("u3").says("human");
      assertThat(textsTo(t, "u1")).anyMatch(x -> x.contains("agent1 is now with you"));
      assertThat(textsTo(t, "u2")).anyMatch(x -> x.contains("agent2 is now with you"));
      assertThat(textsTo(t, "u3")).anyMatch(x -> x.contains("number 1 in the queue"));

      t.user("agent1").says("/transfer agent2"); // agent2 is full
      assertThat(textsTo(t, "agent1")).anyMatch(x -> x.contains("agent2 is not available"));
      t.user("agent2").says("/end");             // u2 done: u3 gets agent2 from the queue
      assertThat(textsTo(t, "u3")).anyMatch(x -> x.contains("agent2 is now with you"));
      assertThat(t.im().sent()).anyMatch(s -> s.to().equals(Conversation.c2c("u2")) && s.custom() != null
          && s.custom().data().contains("\"src\":\"9\""));
      t.user("u2").says("4");                    // text rating
      assertThat(textsTo(t, "u2")).anyMatch(x -> x.contains("Thank you for your rating"));

      t.advance(java.time.Duration.ofMinutes(3)); // u1 and u3 silent: reminded
      assertThat(textsTo(t, "u1")).anyMatch(x -> x.contains("still there"));
      t.user("u3").says("yes, still here");
      t.user("agent2").says("great");
      t.advance(java.time.Duration.ofMinutes(3)); // u1 closed for inactivity; u3 was active
      assertThat(textsTo(t, "u1")).anyMatch(x -> x.contains("This chat has ended"));
      assertThat(textsTo(t, "u3")).noneMatch(x -> x.contains("This chat has ended"));
      t.user("u3").says("one more thing");
      assertThat(textsTo(t, "agent2")).anyMatch(x -> x.equals("[u3] one more thing"));
      assertThat(t.meters().find("timbot.service.cluster.reloads").counter())
          .as("went through the shared desk: %s", cluster).matches(c -> (c != null) == cluster);
    }
  }

  @ParameterizedTest(name = "shared desk: {0}")
  @ValueSource(booleans = {false, true})
  void aDroppedAgentConnectionHasAGracePeriod(boolean cluster) {
    try (BotTester t = tester(cluster)) {
      t.userLogsIn("agent1");
      t.user("bob").says("human");
      t.userStatus("agent1", "Disconnect", "LinkClose");
      t.advance(java.time.Duration.ofSeconds(30));
      t.userLogsIn("agent1"); // the page was only reloaded
      t.advance(java.time.Duration.ofSeconds(60));
      assertThat(textsTo(t, "bob")).noneMatch(x -> x.contains("went offline"));
      t.userStatus("agent1", "Disconnect", "TimeOut");
      t.advance(java.time.Duration.ofSeconds(60));
      assertThat(textsTo(t, "bob")).anyMatch(x -> x.contains("went offline"));
    }
  }

  /** A stand-in for the FAQ: it never knows, and tells the desk so (as the FAQ plugin does). */
  public static final class NeverKnows implements Plugin {
    private Capabilities capabilities;

    @Inject
    void capabilities(Capabilities capabilities) {
      this.capabilities = capabilities;
    }

    @Override
    public void configure(Handlers on) {
      on.text(ctx -> {
        capabilities.find(HumanHandoff.class).ifPresent(h -> h.botGaveUp(ctx.sender()));
        ctx.reply("bot: no idea");
      }).priority(50);
    }
  }

  @ParameterizedTest(name = "shared desk: {0}")
  @ValueSource(booleans = {false, true})
  void theBotsMissesOfferAPerson_keptInTheStoreWhenTheDeskIsShared(boolean cluster) {
    Store store = Stores.open("memory:", new dev.timbot.spi.BotClock.VirtualClock());
    try (BotTester t = BotTester.builder().account(BOT)
        .yaml("bot: { account: '" + BOT + "' }\nservice: { agents: [ { id: agent1 } ], faqGiveUps: 2, "
            + storage(cluster) + " }\n")
        .plugin(ServicePlugin.class).plugin(NeverKnows.class).customize(b -> b.store(store)).build()) {
      t.userLogsIn("agent1");
      t.user("bob").says("where is my parcel?");
      t.user("bob").says("and my refund?");
      assertThat(textsTo(t, "bob")).containsExactlyInAnyOrder("bot: no idea", "bot: no idea",
          ServiceConfig.builder().build().texts().handoffOffer());
      assertThat(store.state(KeyedStateDeskStore.NAMESPACE).keys(SharedOfferBook.OFFER))
          .hasSize(cluster ? 1 : 0);
      t.user("bob").says("1");
      assertThat(textsTo(t, "bob")).last().asString().contains("agent1 is now with you");
    } finally {
      store.close();
    }
  }
}
