package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Plugin;
import dev.timbot.internal.inbox.JournaledCallback;
import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a file store, idle means the journal replayed and every reply recorded and handed on. */
class AwaitIdleTest {
  @TempDir Path dir;
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  static final Plugin ECHO = on -> on.text(ctx -> {
    ctx.reply("1: " + ctx.text());
    ctx.reply("2: " + ctx.text());
  });

  BotTester.Builder fileStore() {
    return BotTester.builder().plugin(ECHO).clock(clock).customize(b -> b.store("file:" + dir));
  }

  @Test
  void repliesRecordedInAFileStoreAreSentBeforeIdle() {
    try (BotTester bot = fileStore().build()) {
      for (int i = 0; i < 20; i++) {
        bot.user("u" + i).says("hi");
        assertThat(bot.im().sent()).hasSize(2 * (i + 1)); // no waiting for sends: awaitIdle did it
      }
    }
  }

  @Test
  void callbacksLeftInTheJournalAreHandledBeforeIdle() {
    try (Store store = Stores.open("file:" + dir, clock)) {
      for (int i = 0; i < 50; i++) {
        store.journal().append("C2Cu" + i, journaled("u" + i, i)).join();
      }
    }
    try (BotTester bot = fileStore().build()) {
      bot.awaitIdle();
      assertThat(bot.im().sent()).hasSize(100);
    }
    try (Store store = Stores.open("file:" + dir, clock)) {
      assertThat(store.journal().backlog()).isZero();
    }
  }

  byte[] journaled(String from, int seq) {
    String json = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"" + from + "\",\"To_Account\":\"bot\","
        + "\"MsgSeq\":" + (seq + 1) + ",\"MsgRandom\":" + (100 + seq) + ",\"MsgTime\":1767225600,\"MsgKey\":\"" + seq
        + "_" + (100 + seq) + "_1767225600\",\"MsgId\":\"id-" + from + "\",\"SendMsgResult\":0,\"UnreadMsgNum\":1,"
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hello\"}}]}";
    return new JournaledCallback("Bot.OnC2CMessage", "127.0.0.1", "RESTAPI", clock.now(),
        json.getBytes(StandardCharsets.UTF_8)).encode();
  }

  @Test
  void aSendHeldByTheServiceDoesNotKeepTheBotBusy() {
    try (BotTester bot = fileStore().build()) {
      bot.im().holdSends();
      bot.user("alice").says("x"); // awaitIdle inside: must not wait for the held answer
      assertThat(bot.im().sent()).extracting(FakeIm.Sent::text).containsExactly("1: x");
      bot.im().releaseSends();
      bot.awaitSent(2);
      assertThat(bot.im().sent()).extracting(s -> s.text()).containsExactly("1: x", "2: x");
    }
  }
}
