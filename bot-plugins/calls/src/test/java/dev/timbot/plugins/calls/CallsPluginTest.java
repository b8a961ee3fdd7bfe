package dev.timbot.plugins.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.message.Conversation;
import dev.timbot.Plugin;
import dev.timbot.test.BotTester;
import dev.timbot.test.FakeIm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay wired into a bot, driven through the test kit. */
class CallsPluginTest {
  static final String BOT = "@RBT#service";
  static final String INVITE = "{\"call_id\":\"\",\"version\":3,\"room_id\":31415,\"action\":0,\"duration\":0,\"invited_list\":[]}";

  static String v3(int action, int duration) {
    return "{\"call_id\":\"\",\"version\":3,\"room_id\":31415,\"action\":" + action + ",\"duration\":" + duration + ",\"invited_list\":[]}";
  }

  static List<CallAction> actionsTo(BotTester t, String account) {
    return t.im().sent().stream().filter(s -> s.to().equals(Conversation.c2c(account)) && s.custom() != null)
        .map(s -> CallSignals.decode(s.custom().data()).orElseThrow().action()).toList();
  }

  @Test
  void customerCallsTheHotline_agentAnswers_hangUpIsRelayedAndLogged() {
    try (BotTester t = BotTester.builder().account(BOT)
        .yaml("bot: { account: '" + BOT + "' }\ncalls:\n  agents: [agent1, agent2]\n  log: none\n")
        .plugin(CallsPlugin.class).build()) {
      List<CallRecord> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
      t.bot().on(CallsPlugin.CALL_ENDED, ended::add);
      t.user("alice").sendsCustom(INVITE);
      t.awaitSent(2);
      assertThat(actionsTo(t, "agent1")).containsExactly(CallAction.INVITE);
      assertThat(actionsTo(t, "agent2")).containsExactly(CallAction.INVITE);

      t.user("agent2").sendsCustom(v3(4, 0));
      t.awaitSent(4);
      assertThat(actionsTo(t, "alice")).containsExactly(CallAction.ACCEPT);
      assertThat(actionsTo(t, "agent1")).containsExactly(CallAction.INVITE, CallAction.CANCEL);

      t.advance(Duration.ofSeconds(95));
      t.user("alice").sendsCustom(v3(5, 94));
      t.awaitSent(5);
      FakeIm.Sent hangup = t.im().sent().get(4);
      assertThat(hangup.to()).isEqualTo(Conversation.c2c("agent2"));
      assertThat(CallSignals.decode(hangup.custom().data()).orElseThrow().durationSeconds()).isEqualTo(95);
      assertThat(ended).singleElement().satisfies(r -> {
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(r.answeredBy()).isEqualTo("agent2");
        assertThat(r.durationSeconds()).isEqualTo(95);
      });
    }
  }

  @Test
  void withoutALogSetting_theCallIsLoggedInTheBotsStore() {
    dev.timbot.spi.BotClock.VirtualClock clock = new dev.timbot.spi.BotClock.VirtualClock();
    dev.timbot.spi.Store store = dev.timbot.internal.store.Stores.open("memory:", clock);
    try (BotTester t = BotTester.builder().account(BOT)
        .yaml("bot: { account: '" + BOT + "' }\ncalls:\n  agents: [agent1]\n")
        .plugin(CallsPlugin.class).customize(b -> b.store(store)).build()) {
      t.user("alice").sendsCustom(INVITE);
      t.awaitSent(1);
      t.user("agent1").sendsCustom(v3(4, 0));
      t.awaitSent(2);
      t.user("alice").sendsCustom(v3(5, 3));
      t.awaitSent(3);
      dev.timbot.spi.Store.KeyedState calls = store.state(StoreCallLog.NAMESPACE);
      assertThat(calls.keys(StoreCallLog.PREFIX)).singleElement().satisfies(k ->
          assertThat(new String(calls.get(k).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
              .contains("\"caller\":\"alice\"").contains("\"answeredBy\":\"agent1\"")
              .contains("\"outcome\":\"ANSWERED\""));
    }
  }

  @Test
  void malformedAndForeignCustomDataFallsThroughToPlainCustomHandlers() {
    try (BotTester t = BotTester.builder().account(BOT)
        .yaml("bot: { account: '" + BOT + "' }\ncalls:\n  agents: [agent1]\n  log: none\n")
        .plugin(CallsPlugin.class)
        .plugin((Plugin) on -> on.custom(ctx -> ctx.reply("custom: " + ctx.custom().data())))
        .build()) {
      t.user("alice").sendsCustom("{\"version\":3,\"action\":\"zero\"}");
      t.shouldReply("custom: {\"version\":3,\"action\":\"zero\"}");
      t.user("alice").sendsCustom("{\"src\":\"15\"}");
      t.shouldReply("custom: {\"src\":\"15\"}");
      t.user("alice").sendsCustom("not json at all");
      t.shouldReply("custom: not json at all").shouldNotReply();
    }
  }

  @Test
  void signalingProtocol_inviteAcceptAndHangUpThroughTheBot() {
    try (BotTester t = BotTester.builder()
        .yaml("bot: { account: '" + BOT + "' }\ncalls:\n  agents: [agent1]\n  log: none\n")
        .plugin(CallsPlugin.class).build()) {
      com.fasterxml.jackson.databind.JsonNode room = com.fasterxml.jackson.databind.node.IntNode.valueOf(82749123);
      String invite = SignalingCodec.envelope("inv-alice", "alice", SignalingCodec.INVITE, List.of(BOT),
          SignalingCodec.payload(MediaType.VIDEO, room, "videoCall", "", ""), 30, "");
      t.user("alice").sendsCustom(invite);
      t.awaitSent(1);
      CallSignal toAgent = CallSignals.decode(t.im().sent().get(0).custom().data()).orElseThrow();
      assertThat(toAgent.action()).isEqualTo(CallAction.INVITE);
      assertThat(toAgent.caller()).isEqualTo(BOT);
      assertThat(toAgent.roomIdText()).isEqualTo("82749123");

      t.user("agent1").sendsCustom(SignalingCodec.envelope(toAgent.callId(), BOT, SignalingCodec.ACCEPT,
          List.of("agent1"), SignalingCodec.payload(MediaType.VIDEO, room, "", "", ""), 0, ""));
      t.awaitSent(2);
      CallSignal toAlice = CallSignals.decode(t.im().sent().get(1).custom().data()).orElseThrow();
      assertThat(toAlice.action()).isEqualTo(CallAction.ACCEPT);
      assertThat(toAlice.callId()).isEqualTo("inv-alice");
      assertThat(toAlice.caller()).isEqualTo("alice");

      t.advance(Duration.ofSeconds(73));
      t.user("alice").sendsCustom(SignalingCodec.envelope("end-1", "alice", SignalingCodec.INVITE, List.of(BOT),
          SignalingCodec.hangupPayload(MediaType.VIDEO, room, 73), 0, ""));
      t.awaitSent(3);
      CallSignal end = CallSignals.decode(t.im().sent().get(2).custom().data()).orElseThrow();
      assertThat(t.im().sent().get(2).to()).isEqualTo(Conversation.c2c("agent1"));
      assertThat(end.action()).isEqualTo(CallAction.HANGUP);
      assertThat(end.durationSeconds()).isEqualTo(73);
    }
  }

  @Test
  void theAgentIsToldWhoCallsAndACallerNobodyCanTakeIsToldWhy() throws Exception {
    try (BotTester t = BotTester.builder().account(BOT)
        .yaml("bot: { account: '" + BOT + "' }\ncalls:\n  agents: [agent1]\n  log: none\n")
        .plugin(CallsPlugin.class).build()) {
      t.user("alice").sendsCustom(INVITE);
      t.awaitSent(1);
      FakeIm.Sent ring = t.im().sent().get(0);
      assertThat(ring.to()).isEqualTo(Conversation.c2c("agent1"));
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ring.custom().data()).get("caller").asText())
          .isEqualTo("alice"); // the invite comes from the bot; it names the caller

      t.user("bob").sendsCustom(INVITE); // agent1 is ringing for alice: nobody is left for bob
      t.awaitSent(3);
      assertThat(actionsTo(t, "bob")).containsExactly(CallAction.BUSY);
      assertThat(t.im().sent()).anySatisfy(s -> {
        assertThat(s.to()).isEqualTo(Conversation.c2c("bob"));
        assertThat(s.text()).contains("No agent can take your call");
      });
    }
  }
}
