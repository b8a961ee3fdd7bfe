package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.BotEvent.BotError;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.Plugin;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReliabilityTest {

  @Test
  void duplicatesDeliveredTwiceAreHandledOnceUntilTheTtlPasses() {
    AtomicInteger handled = new AtomicInteger();
    try (BotTester tester = BotTester.builder().yaml("bot: {account: bot}\ndispatch: {dedupeTtl: 5m}")
        .plugin((Plugin) on -> on.text(ctx -> handled.incrementAndGet())).build()) {
      var d = tester.user("alice").says("once");
      d.redeliver();
      assertThat(handled).hasValue(1);
      assertThat(tester.meters().counter("timbot.messages.duplicates", "bot", "bot").count()).isEqualTo(1.0);
      tester.advance(Duration.ofMinutes(6));
      d.redeliver();
      assertThat(handled).hasValue(2);
    }
  }

  @Test
  void groupMessageFromTwoCallbackCommandsCountsOnce() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> handled.incrementAndGet()))) {
      var d = tester.user("alice").inGroup("@TGS#1").mentioningBot().says("hi");
      var g = dev.timbot.internal.json.WireJson.mapper().readValue(d.callbackJson(),
          dev.timbot.internal.callback.GroupMessageCallback.class);
      tester.deliver(Wire.json(new dev.timbot.internal.callback.GroupMessageCallback("Bot.OnGroupMessage", g.groupId(), g.type(),
          g.fromAccount(), g.operatorAccount(), g.random(), g.msgSeq(), g.msgTime(), 1, g.msgBody(), null, null,
          null, java.util.List.of("bot"), null)));
      assertThat(handled).hasValue(1);
    }
  }

  @Test
  void aThrowingHandlerIsIsolatedAndReported() {
    try (BotTester tester = BotTester.of(on -> {
      on.text(ctx -> {
        throw new IllegalStateException("boom");
      }).name("broken");
      on.text(ctx -> ctx.reply("still here")).name("fine");
    })) {
      tester.user("alice").says("x");
      tester.shouldReply("still here");
      assertThat(tester.errors()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(BotError.Kind.HANDLER_FAILED);
        assertThat(e.source()).isEqualTo("broken");
        assertThat(e.cause()).hasMessage("boom");
        assertThat(e.message().text()).isEqualTo("x");
      });
      assertThat(tester.lastTrace().handler("broken").verdict()).isEqualTo(Verdict.FAILED);
      tester.user("alice").says("y");
      tester.shouldReply("still here");
      assertThat(tester.meters().counter("timbot.handler.errors", "bot", "bot", "plugin", "plugin", "handler",
          "broken", "kind", "exception").count()).isEqualTo(2.0);
    }
  }

  @Test
  void aHandlerPastItsTimeoutIsReportedAndTheLaneMovesOn() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (BotTester tester = BotTester.builder().yaml("bot: {account: bot}\ndispatch: {handlerTimeout: 30s}")
        .plugin((Plugin) on -> {
          on.command("slow", ctx -> {
            entered.countDown();
            try {
              new CountDownLatch(1).await(); // stuck until interrupted
            } catch (InterruptedException e) {
              interrupted.countDown();
            }
          }).name("slow");
          on.command("fast", ctx -> ctx.reply("fast")).name("fast");
        }).build()) {
      var slow = tester.user("alice").pushes("/slow");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      tester.user("alice").pushes("/fast"); // same conversation: queued behind the slow one
      tester.clock().advance(Duration.ofSeconds(29));
      assertThat(tester.im().sent()).isEmpty();
      tester.advance(Duration.ofSeconds(1));
      tester.shouldReply("fast");
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(tester.errors()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(BotError.Kind.HANDLER_TIMEOUT);
        assertThat(e.source()).isEqualTo("slow");
        assertThat(e.description()).contains("PT30S");
      });
      assertThat(slow.trace().handler("slow").verdict()).isEqualTo(Verdict.TIMED_OUT);
      assertThat(slow.trace().handler("fast").verdict()).isIn(Verdict.OTHER_COMMAND, Verdict.SKIPPED);
    }
  }

  @Test
  void perHandlerTimeoutOverridesTheDefault() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> {
      entered.countDown();
      Thread.sleep(60_000); // interrupted by the watchdog
    }).timeout(Duration.ofSeconds(2)).name("quick"))) {
      tester.user("a").pushes("x");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      tester.advance(Duration.ofSeconds(2));
      assertThat(tester.errors()).extracting(BotError::kind).containsExactly(BotError.Kind.HANDLER_TIMEOUT);
    }
  }

  @Test
  void aFullQueueRejectsNewMessagesAndReportsThem() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    try (BotTester tester = BotTester.builder().yaml("bot: {account: bot}\ndispatch: {queueCapacity: 2}")
        .plugin((Plugin) on -> on.text(ctx -> {
          entered.countDown();
          assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
          ctx.reply("handled " + ctx.text());
        })).build()) {
      tester.user("alice").pushes("1");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      tester.user("alice").pushes("2");
      tester.user("alice").pushes("3");
      tester.user("alice").pushes("4"); // the lane holds 2 waiting: this one is rejected
      tester.user("bob").pushes("5"); // other conversations are unaffected
      release.countDown();
      tester.awaitIdle();
      assertThat(tester.im().sent()).extracting(FakeIm.Sent::text)
          .containsExactlyInAnyOrder("handled 1", "handled 2", "handled 3", "handled 5");
      assertThat(tester.errors()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(BotError.Kind.QUEUE_FULL);
        assertThat(e.message().text()).isEqualTo("4");
        assertThat(e.description()).contains("C2Calice").contains("rejected");
      });
      assertThat(tester.meters().counter("timbot.messages.rejected", "bot", "bot").count()).isEqualTo(1.0);
    }
  }

  @Test
  void theTotalAcrossConversationsIsBoundedToo() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (BotTester tester = BotTester.builder().yaml("bot: {account: bot}\ndispatch: {maxPending: 3}")
        .plugin((Plugin) on -> on.text(ctx -> assertThat(release.await(20, TimeUnit.SECONDS)).isTrue())).build()) {
      for (int i = 0; i < 5; i++) {
        tester.user("user" + i).pushes("m");
      }
      assertThat(tester.errors()).extracting(BotError::kind)
          .containsExactly(BotError.Kind.QUEUE_FULL, BotError.Kind.QUEUE_FULL);
      release.countDown();
      tester.awaitIdle();
    }
  }
}
