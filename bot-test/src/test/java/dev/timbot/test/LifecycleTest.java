package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.BotEvent;
import dev.timbot.BotEvent.BotError;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ProfileTags;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.message.Conversation;
import dev.timbot.Plugin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void startEnsuresTheAccountSetsTheProfileAndEmitsReady() {
    try (BotTester tester = BotTester.builder()
        .yaml("bot: {account: helper, nick: Helper, avatar: 'https://x/a.png'}").build()) {
      assertThat(tester.im().calls()).extracting(FakeIm.Call::api)
          .containsExactly("importAccount", "setProfile", "checkAccounts");
      assertThat(tester.im().calls("setProfile").get(0).args())
          .containsExactly("helper", Map.of(ProfileTags.NICK, "Helper", ProfileTags.IMAGE, "https://x/a.png"));
      assertThat(tester.events(BotEvent.SDK_READY)).containsExactly(new BotEvent.Ready("helper"));
      assertThat(tester.bot().isReady()).isTrue();
    }
  }

  @Test
  void robotAccountsAreCreatedWithCreateRobot() {
    try (BotTester tester = BotTester.builder().account("@RBT#001").build()) {
      assertThat(tester.im().calls()).extracting(FakeIm.Call::api).containsExactly("createRobot", "checkAccounts");
    }
  }

  @Test
  void callsBeforeStartFailWith6013AndAfterStopWith6014() {
    try (BotTester tester = BotTester.builder().unstarted().build()) {
      var before = tester.bot().im().getFriends("bot");
      assertThat(before).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause().isInstanceOf(ImException.class)
          .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(ImErrorCodes.SDK_NOT_INITIALIZED));
      assertThat(tester.bot().send(Conversation.c2c("alice"), "x")).isCompletedExceptionally();

      tester.start();
      assertThat(tester.bot().send(Conversation.c2c("alice"), "x")).isCompleted();
      tester.bot().stop();
      var after = tester.bot().im().getFriends("bot");
      assertThatThrownBy(after::join).isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(ImException.class)
          .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(ImErrorCodes.SDK_NOT_LOGGED_IN));
      assertThat(tester.events(BotEvent.SDK_NOT_READY)).containsExactly(new BotEvent.NotReady("bot", true));
    }
  }

  @Test
  void startTwiceIsRefused() {
    try (BotTester tester = BotTester.builder().build()) {
      assertThatThrownBy(tester::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
    }
  }

  @Test
  void stopFlushesPendingSends() throws Exception {
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> ctx.reply("answer")))) {
      tester.im().holdSends();
      tester.user("alice").says("q");
      var stopping = tester.bot().stopAsync();
      assertThat(stopping).isNotDone();
      tester.im().releaseSends();
      stopping.get(10, TimeUnit.SECONDS);
      assertThat(tester.events(BotEvent.SDK_NOT_READY)).containsExactly(new BotEvent.NotReady("bot", true));
      assertThat(tester.errors()).isEmpty();
    }
  }

  @Test
  void stopGivesUpAtItsDeadlineOnTheBotsClock() throws Exception {
    try (BotTester tester = BotTester.builder().yaml("bot: {account: bot}\ndispatch: {stopTimeout: 5s}")
        .plugin((Plugin) on -> on.text(ctx -> ctx.reply("answer"))).build()) {
      tester.im().holdSends();
      tester.user("alice").says("q");
      var stopping = tester.bot().stopAsync();
      tester.clock().advance(Duration.ofSeconds(5));
      stopping.get(10, TimeUnit.SECONDS);
      assertThat(tester.events(BotEvent.SDK_NOT_READY)).containsExactly(new BotEvent.NotReady("bot", false));
      assertThat(tester.errors()).extracting(BotError::kind).containsExactly(BotError.Kind.STOP_DEADLINE);
    }
  }

  @Test
  void callbacksAfterStopAreNotDispatched() {
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> ctx.reply("x")))) {
      tester.bot().stop();
      tester.user("alice").says("late");
      tester.shouldNotReply();
      assertThat(tester.meters().counter("timbot.messages.ignored", "bot", "bot", "reason", "not-ready").count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void listenerExceptionsAreIsolatedAndReportedWithoutRecursion() {
    try (BotTester tester = BotTester.builder().unstarted().build()) {
      List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      tester.bot().on(BotEvent.SDK_READY, e -> {
        throw new IllegalStateException("listener bug");
      });
      tester.bot().on(BotEvent.SDK_READY, e -> seen.add("second listener"));
      tester.bot().on(BotEvent.ERROR, e -> {
        seen.add("error " + e.kind());
        throw new IllegalStateException("error listener bug");
      });
      tester.start();
      assertThat(seen).containsExactly("error LISTENER_FAILED", "second listener");
      assertThat(tester.errors()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(BotError.Kind.LISTENER_FAILED);
        assertThat(e.cause()).hasMessage("listener bug");
      });
      assertThat(tester.bot().isReady()).isTrue();
    }
  }
}
