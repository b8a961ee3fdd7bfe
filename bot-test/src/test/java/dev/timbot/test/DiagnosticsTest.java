package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.MatchTrace;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiagnosticsTest {
  @RegisterExtension
  BotTester tester = BotTester.of((Plugin) on -> {
    on.command("help", ctx -> ctx.reply("help")).priority(0).block().name("help");
    on.keyword("price", ctx -> ctx.reply("price")).name("price");
    on.regex("^order (\\d+)$", ctx -> ctx.reply("order")).name("order");
    on.when(m -> m.text().endsWith("?"), ctx -> ctx.reply("question")).name("question");
    on.image(ctx -> ctx.reply("image")).name("image");
    on.text(ctx -> ctx.reply("group")).groupOnly().name("group-only");
    on.text(ctx -> ctx.reply("fallback")).priority(9).name("fallback");
  });

  @Test
  void theTraceExplainsEveryHandler() {
    var d = tester.user("alice").says("what is the price?");
    MatchTrace t = d.trace();
    assertThat(t.handlers()).extracting(MatchTrace.HandlerTrace::handler)
        .containsExactly("help", "price", "order", "question", "image", "group-only", "fallback");
    assertThat(t.handler("help").verdict()).isEqualTo(Verdict.NO_COMMAND_PREFIX);
    assertThat(t.handler("price").verdict()).isEqualTo(Verdict.HANDLED);
    assertThat(t.handler("order").verdict()).isEqualTo(Verdict.REGEX_MISMATCH);
    assertThat(t.handler("order").detail()).contains("^order (\\d+)$");
    assertThat(t.handler("question").verdict()).isEqualTo(Verdict.HANDLED);
    assertThat(t.handler("image").verdict()).isEqualTo(Verdict.WRONG_TYPE);
    assertThat(t.handler("group-only").verdict()).isEqualTo(Verdict.WRONG_CONVERSATION);
    assertThat(t.handler("fallback").verdict()).isEqualTo(Verdict.HANDLED);
    assertThat(t.matched()).extracting(MatchTrace.HandlerTrace::handler)
        .containsExactly("price", "question", "fallback");
    assertThat(t.toString()).contains("price [1] HANDLED").contains("image [1] WRONG_TYPE: no image element");
  }

  @Test
  void blockedByHigherPriority() {
    var d = tester.user("alice").says("/help price?");
    var t = d.trace();
    assertThat(t.handler("help").verdict()).isEqualTo(Verdict.HANDLED);
    assertThat(t.handler("price").verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(t.handler("price").detail()).isEqualTo("blocked by help (priority 0)");
    // Handlers below a block are not even matched (their predicates may have side effects).
    assertThat(t.handler("order").verdict()).isEqualTo(Verdict.BLOCKED);
  }

  @Test
  void everyMessageOfATestIsTraced() {
    tester.user("a").says("one");
    tester.user("b").says("two");
    assertThat(tester.traces()).hasSize(2);
  }

  @Test
  void messagesThatNeverReachALaneAreTracedToo() {
    var d = tester.user("alice").inGroup("@TGS#1").says("price?");
    tester.shouldNotReply();
    MatchTrace t = d.trace();
    assertThat(t.ignored()).isEqualTo("not addressed to the bot");
    assertThat(t.handler("price").verdict()).isEqualTo(Verdict.NOT_MENTIONED);
    assertThat(t.handler("price").detail()).contains("without an @-mention");

    var first = tester.user("bob").says("hello");
    tester.shouldReply("fallback");
    first.redeliver();
    tester.shouldNotReply();
    assertThat(tester.lastTrace().ignored()).startsWith("duplicate");
    assertThat(tester.lastTrace().handlers()).isEmpty();
    assertThat(tester.lastTrace().toString()).contains("ignored, duplicate");
  }
}
