package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.MatchTrace.Verdict;
import dev.timbot.message.TextElem;
import dev.timbot.Handlers;
import dev.timbot.Interceptor;
import dev.timbot.Plugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InterceptorTest {

  @Test
  void interceptorsRunInOrderAndCanMute() {
    List<String> calls = new ArrayList<>();
    try (BotTester tester = BotTester.of(new Plugin() {
      @Override
      public void configure(Handlers on) {
        on.intercept(Interceptor.named("log", chain -> {
          calls.add("log>" + chain.input().text());
          chain.proceed(chain.input());
          calls.add("log<");
          return null;
        }));
        on.intercept(Interceptor.named("quiet-hours", chain -> {
          return chain.input().text().contains("urgent") ? null : chain.proceed(chain.input());
        }));
        on.text(ctx -> {
          calls.add("handler");
          ctx.reply("ok");
        }).name("text");
      }
    })) {
      tester.user("u").says("hi");
      tester.shouldReply("ok");
      assertThat(calls).containsExactly("log>hi", "handler", "log<");
      tester.user("u").says("urgent!");
      tester.shouldNotReply();
      var trace = tester.lastTrace();
      assertThat(trace.mutedBy()).isEqualTo("quiet-hours");
      assertThat(trace.handler("text").verdict()).isEqualTo(Verdict.MUTED);
      assertThat(trace.handler("text").detail()).contains("quiet-hours");
    }
  }

  @Test
  void perUserCooldownOnTheBotsClock() {
    try (BotTester tester = BotTester.of(on -> {
      on.intercept(Interceptor.cooldown(Duration.ofSeconds(10), ctx -> ctx.reply("slow down")));
      on.text(ctx -> ctx.reply("answer"));
    })) {
      tester.user("alice").says("1");
      tester.shouldReply("answer");
      tester.user("alice").says("2");
      tester.shouldReply("slow down");
      tester.user("bob").says("1");
      tester.shouldReply("answer");
      tester.advance(Duration.ofSeconds(10));
      tester.user("alice").says("3");
      tester.shouldReply("answer");
    }
  }

  @Test
  void allowAndDenyLists() {
    try (BotTester tester = BotTester.of(on -> {
      on.intercept(Interceptor.denyList(Set.of("spammer")));
      on.intercept(Interceptor.allowList(Set.of("alice", "spammer")));
      on.text(ctx -> ctx.reply("hi " + ctx.sender()));
    })) {
      tester.user("alice").says("x");
      tester.shouldReply("hi alice");
      tester.user("spammer").says("x");
      tester.shouldNotReply();
      assertThat(tester.lastTrace().mutedBy()).isEqualTo("denyList");
      tester.user("mallory").says("x");
      tester.shouldNotReply();
      assertThat(tester.lastTrace().mutedBy()).isEqualTo("allowList");
    }
  }

  @Test
  void adminOnlyCommands() {
    try (BotTester tester = BotTester.of(on -> {
      on.intercept(Interceptor.adminOnly(Set.of("root"), List.of("/"), Set.of("shutdown")));
      on.command("shutdown", ctx -> ctx.reply("bye"));
      on.command("help", ctx -> ctx.reply("help"));
    })) {
      tester.user("alice").says("/shutdown");
      tester.shouldNotReply();
      tester.user("alice").says("/help");
      tester.shouldReply("help");
      tester.user("root").says("/shutdown");
      tester.shouldReply("bye");
    }
  }

  @Test
  void aThrowingInterceptorMutesAndIsReported() {
    try (BotTester tester = BotTester.of(on -> {
      on.intercept(Interceptor.named("acl", chain -> {
        throw new IllegalStateException("acl store down");
      }));
      on.text(ctx -> ctx.reply("x"));
    })) {
      tester.user("u").says("x");
      tester.shouldNotReply();
      assertThat(tester.lastTrace().mutedBy()).startsWith("acl");
      assertThat(tester.errors()).extracting(e -> e.kind())
          .containsExactly(dev.timbot.BotEvent.BotError.Kind.INTERCEPTOR_FAILED);
    }
  }

  @Test
  void outboundInterceptorsRewriteAndRefuseSends() {
    try (BotTester tester = BotTester.of(on -> {
      on.interceptOutbound(chain -> chain.proceed(chain.input().withElements(chain.input().elements().stream()
          .map(e -> e instanceof TextElem t ? TextElem.of(t.text() + " [bot]") : e).toList())));
      on.interceptOutbound(chain -> chain.input().to().id().equals("blocked")
          ? CompletableFuture.failedFuture(new IllegalStateException("refused"))
          : chain.proceed(chain.input()));
      on.text(ctx -> ctx.reply("hello"));
    })) {
      tester.user("alice").says("x");
      tester.shouldReply("hello [bot]");
      tester.user("blocked").says("x");
      tester.shouldNotReply();
      assertThat(tester.errors()).singleElement()
          .satisfies(e -> assertThat(e.kind()).isEqualTo(dev.timbot.BotEvent.BotError.Kind.SEND_FAILED));
    }
  }

  @Test
  void anInterceptorStuckBeforeProceedTimesOutAndTheLaneMovesOn() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    try (BotTester tester = BotTester.of(on -> {
      on.intercept(Interceptor.named("acl-lookup", chain -> {
        if (chain.input().text().equals("hang")) {
          entered.countDown();
          new java.util.concurrent.CountDownLatch(1).await(); // interrupted by the watchdog
        }
        return chain.proceed(chain.input());
      }));
      on.text(ctx -> ctx.reply("ok " + ctx.text())).timeout(Duration.ofMinutes(5)).name("text");
    })) {
      var hang = tester.user("alice").pushes("hang");
      assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      tester.user("alice").pushes("next");
      tester.advance(Duration.ofSeconds(30));
      tester.shouldReply("ok next").shouldNotReply();
      assertThat(hang.trace().mutedBy()).isEqualTo("acl-lookup (timed out)");
      assertThat(tester.errors()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(dev.timbot.BotEvent.BotError.Kind.HANDLER_TIMEOUT);
        assertThat(e.source()).isEqualTo("acl-lookup");
      });
      // Time spent in handlers after proceed() does not count against the interceptor.
      tester.user("alice").says("normal");
      tester.shouldReply("ok normal");
    }
  }

  @Test
  void handlerTimeBehindAnInterceptorIsNotTheInterceptorsTimeout() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (BotTester tester = BotTester.of(on -> {
      on.intercept(Interceptor.named("log", chain -> chain.proceed(chain.input())));
      on.text(ctx -> {
        entered.countDown();
        assertThat(release.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        ctx.reply("done");
      }).timeout(Duration.ofMinutes(5));
    })) {
      tester.user("alice").pushes("work");
      assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      tester.clock().advance(Duration.ofMinutes(1)); // past the 30 s default, within the handler's 5 min
      release.countDown();
      tester.awaitIdle();
      tester.shouldReply("done");
      assertThat(tester.errors()).isEmpty();
    }
  }
}
