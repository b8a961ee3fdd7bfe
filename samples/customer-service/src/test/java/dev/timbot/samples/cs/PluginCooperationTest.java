package dev.timbot.samples.cs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.message.Conversation;
import dev.timbot.plugins.autoreply.AutoReplyPlugin;
import dev.timbot.plugins.calls.CallAction;
import dev.timbot.plugins.calls.CallSignals;
import dev.timbot.plugins.calls.CallsPlugin;
import dev.timbot.plugins.service.ServicePlugin;
import dev.timbot.test.BotTester;
import dev.timbot.test.FakeIm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plugins that never see each other's classes cooperating through the core contracts
 * ({@code HumanHandoff}, {@code WorkingHours}) once they are installed in one bot.
 */
class PluginCooperationTest {
  static final String BOT = "@RBT#service";
  static final String INVITE = "{\"call_id\":\"\",\"version\":3,\"room_id\":31415,\"action\":0,\"duration\":0,\"invited_list\":[]}";

  static List<CallAction> actionsTo(BotTester t, String account) {
    return t.im().sent().stream().filter(s -> s.to().equals(Conversation.c2c(account)) && s.custom() != null)
        .map(s -> CallSignals.decode(s.custom().data()).orElseThrow().action()).toList();
  }


  @Test
  void withTheServicePlugin_theAgentWhoOwnsTheChatTakesTheCall() {
    try (BotTester t = BotTester.builder().account(BOT)
        .yaml("""
            bot: { account: '@RBT#service' }
            calls: { agents: [agent1, agent2], log: none }
            service: { agents: [ { id: agent1 }, { id: agent2 } ], store: memory }
            """)
        .plugin(ServicePlugin.class).plugin(CallsPlugin.class).build()) {
      t.user("agent1").says("/ready");
      t.user("agent2").says("/ready");
      t.user("agent1").says("/away");
      t.user("alice").says("转人工");
      assertThat(t.bot()).isNotNull();
      int before = t.im().sent().size();
      t.user("alice").sendsCustom(INVITE);
      t.awaitSent(before + 1);
      assertThat(actionsTo(t, "agent2")).containsExactly(CallAction.INVITE); // alice's agent
      FakeIm.Sent ring = t.im().sent().get(t.im().sent().size() - 1);
      assertThat(ring.to()).isEqualTo(Conversation.c2c("agent2"));
      assertThat(ring.elements()).hasSize(1); // the relay's invite, not the desk relaying a chat line
      assertThat(actionsTo(t, "agent1")).isEmpty(); // away: not rung
    }
  }


  @Test
  void outsideTheAutoReplyWorkingHoursAHandoffLeavesAMessageAndAutoReplyIsMuted() {
    String yaml = "bot: { account: '" + BOT + "' }\n"
        + "service: { agents: [ { id: agent1 } ], store: memory }\n"
        + "autoreply:\n"
        + "  workingHours: { zone: UTC, weekly: { mon-fri: '09:00-18:00' }, outOfHours: 'We are closed.' }\n";
    try (BotTester t = BotTester.builder().yaml(yaml)
        .plugin(ServicePlugin.class).plugin(AutoReplyPlugin.class).build()) {
      t.userLogsIn("agent1");
      t.clock().setWallTime(java.time.Instant.parse("2026-01-05T20:00:00Z")); // Monday 20:00
      t.user("bob").says("转人工");
      t.shouldReply(s -> assertThat(s.text()).contains("outside working hours")).shouldNotReply();
      t.user("bob").says("please call me back"); // leave-a-message: no second out-of-hours notice
      t.shouldReply(s -> assertThat(s.text()).contains("message has been recorded")).shouldNotReply();
    }
  }

}
