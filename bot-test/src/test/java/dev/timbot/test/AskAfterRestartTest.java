package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.BotEvent;
import dev.timbot.BotEvent.AskExpired;
import dev.timbot.Plugin;
import dev.timbot.internal.store.Stores;
import dev.timbot.message.Conversation;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pending asks are kept in the store: their timeout is noticed by the next process too. */
class AskAfterRestartTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path dir;
  final VirtualClock clock = new VirtualClock(START);

  static final Plugin ORDER = on -> {
    on.command("order", ctx -> ctx.ask("Your order number?", Duration.ofMinutes(2),
            c -> c.reply("No answer — closing this request."))
        .thenAccept(answer -> answer.reply("Looking up order " + answer.text()))).block();
    on.text(ctx -> ctx.reply("fallback " + ctx.text())).priority(5);
  };

  BotTester bot() {
    return BotTester.builder().plugin(ORDER).clock(clock).customize(b -> b.store("file:" + dir)).build();
  }

  /** Timers left in the store, as a later process would see them far in the future. */
  int timersLeft() {
    try (Store store = Stores.open("file:" + dir, clock)) {
      return store.timers().claimDue(clock.now().plus(Duration.ofDays(30)), Duration.ofMinutes(1), 100).size();
    }
  }

  @Test
  void anAskPendingAtARestartExpiresOnceInTheNextProcess() {
    try (BotTester first = bot()) {
      first.user("alice").says("/order");
      first.shouldReply("Your order number?");
    }
    try (BotTester second = bot()) {
      second.advance(Duration.ofMinutes(2));
      assertThat(second.events(BotEvent.ASK_EXPIRED)).isEmpty(); // the grace after the deadline (30 s)
      second.advance(Duration.ofSeconds(31));
      assertThat(second.events(BotEvent.ASK_EXPIRED)).singleElement().isEqualTo(new AskExpired(
          Conversation.c2c("alice"), "alice", "Your order number?", START.plus(Duration.ofMinutes(2))));
      second.shouldNotReply(); // the continuation was code in the first process
      second.advance(Duration.ofMinutes(30));
      assertThat(second.events(BotEvent.ASK_EXPIRED)).hasSize(1);
      // The answer now is a plain message.
      second.user("alice").says("A-1001");
      second.shouldReply("fallback A-1001");
    }
    assertThat(timersLeft()).isZero();
  }

  @Test
  void anAnswerAfterTheRestartReachesHandlersAndCancelsTheExpiry() {
    try (BotTester first = bot()) {
      first.user("alice").says("/order");
      first.shouldReply("Your order number?");
    }
    try (BotTester second = bot()) {
      second.advance(Duration.ofSeconds(30));
      second.user("alice").says("A-1001");
      second.shouldReply("fallback A-1001");
      second.advance(Duration.ofMinutes(5));
      assertThat(second.events(BotEvent.ASK_EXPIRED)).isEmpty();
      second.shouldNotReply();
    }
    assertThat(timersLeft()).isZero();
  }

  @Test
  void inOneProcessTheTimeoutBehavesAsBeforeAndLeavesNothingInTheStore() {
    try (BotTester bot = bot()) {
      bot.user("alice").says("/order");
      bot.shouldReply("Your order number?");
      bot.advance(Duration.ofMinutes(2));
      bot.shouldReply("No answer — closing this request.");
      bot.advance(Duration.ofMinutes(1));
      bot.shouldNotReply();
      assertThat(bot.events(BotEvent.ASK_EXPIRED)).isEmpty();

      bot.user("bob").says("/order");
      bot.shouldReply("Your order number?");
      bot.user("bob").says("B-2");
      bot.shouldReply("Looking up order B-2");
      bot.advance(Duration.ofMinutes(5));
      assertThat(bot.events(BotEvent.ASK_EXPIRED)).isEmpty();
    }
    assertThat(timersLeft()).isZero();
  }

  @Test
  void anAskAskedAgainReplacesTheRecordedOne() {
    Plugin twice = on -> on.command("twice", ctx -> {
      ctx.ask("A?", Duration.ofMinutes(1));
      ctx.ask("B?", Duration.ofMinutes(3)); // replaces A (its future is cancelled)
    }).block();
    try (BotTester first = BotTester.builder().plugin(twice).clock(clock).customize(b -> b.store("file:" + dir)).build()) {
      first.user("alice").says("/twice");
      first.shouldReply("A?").shouldReply("B?");
    }
    try (BotTester second = bot()) {
      second.advance(Duration.ofMinutes(3)); // past A's deadline and grace
      assertThat(second.events(BotEvent.ASK_EXPIRED)).isEmpty();
      second.advance(Duration.ofSeconds(31));
      assertThat(second.events(BotEvent.ASK_EXPIRED)).singleElement().satisfies(e -> {
        assertThat(e.prompt()).isEqualTo("B?");
        assertThat(e.deadline()).isEqualTo(START.plus(Duration.ofMinutes(3)));
      });
    }
    assertThat(timersLeft()).isZero();
  }

  @Test
  void messagesWithNoAskPendingArmNoTimer() {
    try (BotTester bot = bot()) {
      bot.user("alice").says("warm up");
      bot.shouldReply("fallback warm up");
      int before = clock.pendingTimers();
      for (int i = 0; i < 20; i++) {
        bot.user("u" + i).says("hello");
        bot.shouldReply("fallback hello");
      }
      assertThat(clock.pendingTimers()).isEqualTo(before);
    }
    assertThat(timersLeft()).isZero();
  }
}
