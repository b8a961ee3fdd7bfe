package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Plugin;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.BotClock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Handling a message arms no timer (issue 15): handler deadlines share one watchdog timer, and an
 * ask is guarded only while one is pending. Counted at the clock, never timed. Handler timeouts
 * still fire on the virtual clock (DispatchTest, ReliabilityTest).
 */
class TimerBudgetTest {
  /** The virtual clock, counting every timer armed or cancelled through it. */
  static final class CountingClock implements BotClock {
    final VirtualClock clock = new VirtualClock();
    final AtomicInteger operations = new AtomicInteger();

    @Override
    public Instant now() {
      return clock.now();
    }

    @Override
    public long nanoTime() {
      return clock.nanoTime();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
      operations.incrementAndGet();
      Timer t = clock.schedule(delay, task);
      return () -> {
        operations.incrementAndGet();
        return t.cancel();
      };
    }
  }

  final CountingClock counting = new CountingClock();

  BotTester tester(Plugin plugin) {
    BotTester t = BotTester.builder().clock(counting.clock).customize(b -> b.clock(counting)).plugin(plugin).build();
    return t; // started by build()
  }

  @Test
  void messagesArmNoTimers() {
    try (BotTester t = tester(on -> {
      on.command("help", ctx -> ctx.reply("help")).block();
      on.keyword("refund", ctx -> ctx.reply("refund"));
      on.text(ctx -> ctx.reply("echo " + ctx.text())).priority(10);
    })) {
      for (int i = 0; i < 3; i++) {
        t.user("warm" + i).says("hello " + i);
        t.shouldReply("echo hello " + i);
      }
      int before = counting.operations.get();
      for (int i = 0; i < 40; i++) {
        t.user("u" + (i % 7)).says(i % 2 == 0 ? "/help" : "a refund please " + i);
        t.shouldReply(i % 2 == 0 ? "help" : "refund");
        if (i % 2 != 0) {
          t.shouldReply("echo a refund please " + i);
        }
      }
      assertThat(counting.operations.get() - before).as("timer operations for 40 messages").isZero();
    }
  }

  @Test
  void aPendingAskIsGuardedAndTimesOutOnTheClock() {
    try (BotTester t = tester(on -> {
      on.command("order", ctx -> ctx.ask("Number?", Duration.ofMinutes(2), c -> c.reply("timed out"))
          .thenAccept(a -> a.reply("order " + a.text()))).block();
      on.text(ctx -> ctx.reply("echo " + ctx.text())).priority(10);
    })) {
      t.user("alice").says("/order");
      t.shouldReply("Number?");
      t.user("alice").says("42");
      t.shouldReply("order 42");
      t.user("alice").says("/order");
      t.shouldReply("Number?");
      t.advance(Duration.ofMinutes(2));
      t.shouldReply("timed out");
      t.user("alice").says("hi");
      t.shouldReply("echo hi");
      int before = counting.operations.get();
      t.user("alice").says("again");
      t.shouldReply("echo again");
      assertThat(counting.operations.get() - before).as("no ask pending: no timer").isZero();
    }
  }
}
