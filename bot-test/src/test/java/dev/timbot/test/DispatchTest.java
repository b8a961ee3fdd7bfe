package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.MatchTrace.Verdict;
import dev.timbot.Handlers.CustomDecoder;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatchTest {
  private BotTester tester;

  @AfterEach
  void stop() {
    if (tester != null) {
      tester.close();
    }
  }

  private BotTester with(Plugin plugin) {
    tester = BotTester.of(plugin);
    return tester;
  }

  @Test
  void textHandlerRepliesToC2CMessage() {
    with(on -> on.text(ctx -> ctx.reply("You said: " + ctx.text())));
    tester.user("alice").says("hi");
    tester.shouldReply("You said: hi").shouldNotReply();
    assertThat(tester.im().sent().get(0).to().id()).isEqualTo("alice");
    assertThat(tester.im().sent().get(0).from()).isEqualTo("bot");
  }

  @Test
  void eachElementTypeReachesItsHandler() {
    with(on -> {
      on.text(ctx -> ctx.reply("text"));
      on.image(ctx -> ctx.reply("image " + ctx.image().width()));
      on.file(ctx -> ctx.reply("file"));
      on.sound(ctx -> ctx.reply("sound"));
      on.video(ctx -> ctx.reply("video"));
      on.face(ctx -> ctx.reply("face"));
      on.location(ctx -> ctx.reply("location"));
      on.custom(ctx -> ctx.reply("custom " + ctx.custom().data()));
    });
    var u = tester.user("u");
    u.says("x");
    tester.shouldReply("text").shouldNotReply();
    u.sendsImage("https://x/a.png", 640, 480);
    tester.shouldReply("image 640").shouldNotReply();
    u.sendsFile("https://x/f.pdf", "f.pdf");
    tester.shouldReply("file").shouldNotReply();
    u.sendsSound("https://x/s.mp3", 3);
    tester.shouldReply("sound").shouldNotReply();
    u.sendsVideo("https://x/v.mp4");
    tester.shouldReply("video").shouldNotReply();
    u.sendsFace(7);
    tester.shouldReply("face").shouldNotReply();
    u.sendsLocation("office", 22.5, 113.9);
    tester.shouldReply("location").shouldNotReply();
    u.sendsCustom("raw");
    tester.shouldReply("custom raw").shouldNotReply();
    assertThat(tester.lastTrace().handler("plugin:text#0").verdict()).isEqualTo(Verdict.WRONG_TYPE);
  }

  @Test
  void commandsParseArgumentsWithConfiguredPrefixes() {
    tester = BotTester.builder()
        .yaml("bot: {account: bot}\ndispatch: {commandPrefixes: ['/', '!']}")
        .plugin((Plugin) on -> on.command("order", ctx -> ctx.reply(ctx.args() + "|" + ctx.argText())))
        .build();
    tester.user("u").says("/order 2 \"green tea\"");
    tester.shouldReply("[2, green tea]|2 \"green tea\"");
    tester.user("u").says("!order");
    tester.shouldReply("[]|");
    tester.user("u").says("/orders 1");
    tester.shouldNotReply();
    assertThat(tester.lastTrace().handlers().get(0).verdict()).isEqualTo(Verdict.OTHER_COMMAND);
    assertThat(tester.lastTrace().handlers().get(0).detail()).contains("'orders'");
    tester.user("u").says("order 1");
    tester.shouldNotReply();
    assertThat(tester.lastTrace().handlers().get(0).verdict()).isEqualTo(Verdict.NO_COMMAND_PREFIX);
  }

  @Test
  void keywordRegexAndPredicate() {
    with(on -> {
      on.keyword("refund", ctx -> ctx.reply("refund policy")).block();
      on.regex("order #(?<no>\\d+)", ctx -> ctx.reply("order " + ctx.match().orElseThrow().group(1)));
      on.when(m -> m.text().length() > 20, ctx -> ctx.reply("long"));
    });
    tester.user("u").says("I want a REFUND");
    tester.shouldReply("refund policy").shouldNotReply();
    tester.user("u").says("where is order #42");
    tester.shouldReply("order 42").shouldNotReply();
    tester.user("u").says("this is quite a long message");
    tester.shouldReply("long").shouldNotReply();
    var trace = tester.lastTrace();
    assertThat(trace.handlers()).extracting(h -> h.verdict())
        .containsExactly(Verdict.NO_KEYWORD, Verdict.REGEX_MISMATCH, Verdict.HANDLED);
  }

  @Test
  void priorityOrdersHandlersAndBlockStopsEverythingAfter() {
    with(on -> {
      on.text(ctx -> ctx.reply("low")).priority(10).name("low");
      on.text(ctx -> ctx.reply("high")).priority(0).block().name("high");
      on.text(ctx -> ctx.reply("same")).priority(0).name("same");
    });
    tester.user("u").says("x");
    tester.shouldReply("high").shouldNotReply();
    var trace = tester.lastTrace();
    assertThat(trace.handler("low").verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(trace.handler("low").detail()).contains("high");
    assertThat(trace.handler("same").verdict()).isEqualTo(Verdict.BLOCKED); // equal priority too
  }

  @Test
  void matchHandsTheHandlerWhatTheMatcherFoundComputedOnce() {
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    with(on -> on.match(m -> {
          lookups.incrementAndGet();
          var order = java.util.regex.Pattern.compile("#(\\d+)").matcher(m.text());
          return order.find() ? Optional.of(Long.parseLong(order.group(1))) : Optional.empty();
        }, (ctx, order) -> ctx.reply("order " + (order + 1))).name("order"));
    tester.user("u").says("where is #41?");
    tester.shouldReply("order 42").shouldNotReply();
    assertThat(lookups).hasValue(1);
    tester.user("u").says("hello");
    tester.shouldNotReply();
    assertThat(tester.lastTrace().handler("order").detail()).isEqualTo("matcher found nothing");
  }

  @Test
  void commandsRunBeforeCatchAllsAndEndTheDispatch() {
    with(on -> {
      on.text(ctx -> ctx.reply("echo " + ctx.text())).name("echo");
      on.keyword("help", ctx -> ctx.reply("keyword")).name("kw");
      on.command("help", ctx -> ctx.reply("usage")).name("cmd");
    });
    tester.user("u").says("/help");
    tester.shouldReply("usage").shouldNotReply();
    assertThat(tester.lastTrace().handler("echo").verdict()).isEqualTo(Verdict.BLOCKED);
    tester.user("u").says("help me");
    tester.shouldReply("keyword").shouldReply("echo help me").shouldNotReply();
  }

  @Test
  void c2cOnlyAndGroupOnly() {
    with(on -> {
      on.text(ctx -> ctx.reply("c2c")).c2cOnly().name("c2c");
      on.text(ctx -> ctx.reply("group")).groupOnly().name("group");
    });
    tester.user("u").says("x");
    tester.shouldReply("c2c").shouldNotReply();
    tester.user("u").inGroup("@TGS#1").mentioningBot().says("x");
    tester.shouldReply("group").shouldNotReply();
    assertThat(tester.lastTrace().handler("c2c").verdict()).isEqualTo(Verdict.WRONG_CONVERSATION);
  }

  record CallSignal(int version, String action) {}

  record Card(String title) {}

  @Test
  void customDecoderGivesTypedPayloadAndUndecodableFallsThrough() {
    with(new Plugin() {
      @Override
      public void configure(Handlers on) {
        on.decoder(CallSignal.class, CustomDecoder.json(CallSignal.class, n -> Integer.valueOf(3).equals(n.get("version"))));
        on.decoder(Card.class, e -> e.data().startsWith("card:") ? Optional.of(new Card(e.data().substring(5)))
            : Optional.empty());
        on.custom(CallSignal.class, (ctx, s) -> ctx.reply("call " + s.action()));
        on.custom(Card.class, (ctx, c) -> ctx.reply("card " + c.title()));
        on.custom(ctx -> ctx.reply("plain " + ctx.custom().data()));
      }
    });
    tester.user("u").sendsCustom(new CallSignal(3, "invite"));
    tester.shouldReply("call invite").shouldNotReply();
    assertThat(tester.lastTrace().handler("plugin:custom#2").verdict()).isEqualTo(Verdict.DECODED_AS_TYPE);

    tester.user("u").sendsCustom("card:Menu");
    tester.shouldReply("card Menu").shouldNotReply();

    // version 2: the decoder declines; broken JSON: the decoder throws — both fall through.
    tester.user("u").sendsCustom("{\"version\":2,\"action\":\"invite\"}");
    tester.shouldReply("plain {\"version\":2,\"action\":\"invite\"}").shouldNotReply();
    tester.user("u").sendsCustom("{not json");
    tester.shouldReply("plain {not json").shouldNotReply();
    var typed = tester.lastTrace().handler("plugin:custom:CallSignal#0");
    assertThat(typed.verdict()).isEqualTo(Verdict.NOT_DECODED);
    assertThat(typed.detail()).contains("decoder failed");
    assertThat(tester.errors()).isEmpty();
  }

  @Test
  void typedCustomHandlerWithoutDecoderFailsTheBuild() {
    record Thing(String x) {}
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BotTester.of(on -> on.custom(Thing.class, (ctx, t) -> {})))
        .hasMessageContaining("custom(Thing.class, ...) has no decoder");
  }

  @Test
  void replyCustomUsesRegisteredEncoderOrJson() {
    with(on -> {
      on.encoder(Card.class, c -> dev.timbot.message.CustomElem.of("card:" + c.title(), "a card"));
      on.command("card", ctx -> ctx.replyCustom(new Card("Menu")));
      on.command("signal", ctx -> ctx.replyCustom(new CallSignal(3, "hangup")));
    });
    tester.user("u").says("/card");
    tester.shouldReply(s -> assertThat(s.custom().data()).isEqualTo("card:Menu"));
    tester.user("u").says("/signal");
    assertThat(tester.shouldReplyCustom(CallSignal.class)).isEqualTo(new CallSignal(3, "hangup"));
  }

  @Test
  void replyAnyElementList() {
    with(on -> on.text(ctx -> ctx.reply(List.of(dev.timbot.message.TextElem.of("a"),
        dev.timbot.message.FaceElem.of(1, "smile")))));
    tester.user("u").says("x");
    tester.shouldReply(s -> assertThat(s.elements()).hasSize(2));
  }
}
