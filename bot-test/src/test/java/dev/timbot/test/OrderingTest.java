package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderingTest {

  @Test
  void thousandMessagesOverFiftyConversationsKeepPerConversationOrderAndRunInParallel() throws Exception {
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger perLaneOverlap = new AtomicInteger();
    Map<String, AtomicInteger> inLane = new ConcurrentHashMap<>();
    // Conversations 0 and 1 each wait, at their first message, until the other has started: that
    // can only finish if two conversations are handled at the same time.
    CountDownLatch bothStarted = new CountDownLatch(2);
    try (BotTester tester = BotTester.builder()
        .yaml("bot: {account: bot}\ndispatch: {threads: 8, queueCapacity: 1000}")
        .plugin((Plugin) on -> on.text(ctx -> {
          String user = ctx.sender();
          if (inLane.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet() > 1) {
            perLaneOverlap.incrementAndGet();
          }
          int now = running.incrementAndGet();
          maxRunning.accumulateAndGet(now, Math::max);
          int n = Integer.parseInt(ctx.text());
          if (n < 2 && (user.equals("user0") || user.equals("user1"))) {
            bothStarted.countDown();
            assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
          }
          seen.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(n);
          running.decrementAndGet();
          inLane.get(user).decrementAndGet();
        }))
        .build()) {
      for (int i = 0; i < 1000; i++) {
        int conv = i % 50;
        tester.user("user" + conv).pushes(Integer.toString(i / 50));
      }
      tester.awaitIdle();
      assertThat(seen).hasSize(50);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        expected.add(i);
      }
      seen.forEach((user, order) -> assertThat(order).as(user).containsExactlyElementsOf(expected));
      assertThat(perLaneOverlap.get()).as("two messages of one conversation at once").isZero();
      assertThat(maxRunning.get()).as("conversations handled concurrently").isGreaterThan(1);
      assertThat(tester.errors()).isEmpty();
    }
  }

  @Test
  void aSlowHandlerInOneConversationDoesNotDelayAnother() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> {
      if (ctx.sender().equals("slow")) {
        assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
      }
      ctx.reply("done " + ctx.sender());
    }))) {
      tester.user("slow").pushes("1");
      tester.user("fast").pushes("1");
      tester.user("fast").pushes("2");
      tester.awaitSent(2);
      assertThat(tester.im().sent()).extracting(FakeIm.Sent::text).containsExactly("done fast", "done fast");
      release.countDown();
      tester.awaitIdle();
      assertThat(tester.im().sent()).extracting(FakeIm.Sent::text).contains("done slow");
    }
  }
}
