package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.BotEvent;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.message.TextElem;
import dev.timbot.Plugin;
import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.GroupMessageCallback;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RoutingTest {
  @RegisterExtension
  BotTester tester = BotTester.of((Plugin) on -> {
    on.text(ctx -> ctx.reply("seen " + ctx.text())).name("text");
    on.message(ctx -> ctx.session().put("audit", ctx.message().dedupeKey())).observer().name("audit");
  });

  @Test
  void loopGuardIgnoresTheBotsOwnMessages() {
    tester.user("bot").to("alice").says("hello from me");
    tester.shouldNotReply();
    assertThat(tester.traces()).isEmpty();
    assertThat(tester.meters().counter("timbot.messages.ignored", "bot", "bot", "reason", "own").count())
        .isEqualTo(1.0);
  }

  @Test
  void repliesDoNotLoopWhenTheServiceEchoesThem() {
    tester.user("alice").says("hi");
    tester.shouldReply("seen hi");
    // The service fires C2C.CallbackAfterSendMsg for the bot's own reply too.
    var echo = new C2CMessageCallback(CallbackCommand.C2C_AFTER_SEND_MSG, "bot", "alice", 9, 9, 1, "9_9_1", null,
        1, 0, "", 0, List.of(TextElem.of("seen hi")), null, null);
    tester.deliver(Wire.json(echo));
    tester.shouldNotReply();
  }

  @Test
  void groupMessagesNeedAnAtMentionUnlessTheHandlerOptsIn() {
    tester.user("alice").inGroup("@TGS#1").says("chatter");
    tester.shouldNotReply();
    var trace = tester.lastTrace();
    assertThat(trace.routing()).isEqualTo(Routing.GROUP_UNMENTIONED);
    assertThat(trace.handler("text").verdict()).isEqualTo(Verdict.NOT_MENTIONED);
    assertThat(trace.handler("audit").verdict()).isEqualTo(Verdict.HANDLED);

    tester.user("alice").inGroup("@TGS#1").mentioningBot().says("help");
    tester.shouldReply("seen help"); // the leading "@bot " is removed from ctx.text()
    assertThat(tester.lastTrace().routing()).isEqualTo(Routing.MENTIONED);

    tester.user("alice").inGroup("@TGS#1").mentioning("carol").says("for carol");
    tester.shouldNotReply();
  }

  @Test
  void robotGroupCallbackCountsAsMention() {
    var cb = new GroupMessageCallback(CallbackCommand.BOT_ON_GROUP_MESSAGE, "@TGS#2", "Public", "alice", "alice",
        1, 77, 1, 1, List.of(TextElem.of("@Bot hi")), null, null, null, List.of("bot"), null);
    tester.deliver(Wire.json(cb));
    tester.shouldReply("seen hi");
  }

  @Test
  void observersSeeMessagesBetweenOtherAccounts() {
    var d = tester.user("alice").to("carol").says("private");
    tester.shouldNotReply();
    var trace = d.trace();
    assertThat(trace.routing()).isEqualTo(Routing.OBSERVED);
    assertThat(trace.handler("text").verdict()).isEqualTo(Verdict.NOT_ADDRESSED);
    assertThat(trace.handler("audit").verdict()).isEqualTo(Verdict.HANDLED);
    // Observed messages are not MESSAGE_RECEIVED for this bot.
    assertThat(tester.events(BotEvent.MESSAGE_RECEIVED)).isEmpty();
  }

  @Test
  void twoBotsShareOneReceiverAndEachTakesItsOwnMessages() {
    try (BotTester other = BotTester.builder().account("@RBT#two")
        .plugin((Plugin) on -> on.text(ctx -> ctx.reply("two: " + ctx.text()))).build()) {
      var toOther = other.user("alice").says("for two");
      // A shared receiver hands every callback to every bot.
      tester.deliver(toOther.callbackJson());
      other.shouldReply("two: for two");
      tester.shouldNotReply();
    }
  }

  @Test
  void beforeSendAndUndeliveredCallbacksAreIgnored() {
    var before = new C2CMessageCallback(CallbackCommand.C2C_BEFORE_SEND_MSG, "alice", "bot", 1, 1, 1, "1_1_1",
        null, 1, null, null, null, List.of(TextElem.of("x")), null, null);
    var failed = new C2CMessageCallback(CallbackCommand.C2C_AFTER_SEND_MSG, "alice", "bot", 2, 2, 2, "2_2_2",
        null, 1, 80001, "dirty", -1, List.of(TextElem.of("x")), null, null);
    tester.deliver(Wire.json(before));
    tester.deliver(Wire.json(failed));
    tester.shouldNotReply();
  }
}
