package dev.timbot.store.redis;

import static dev.timbot.store.redis.TwoProcesses.bytes;
import static dev.timbot.store.redis.TwoProcesses.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.inbox.JournalPump;
import dev.timbot.internal.inbox.StoreCallbackJournal;
import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away and comes back: calls fail at once with an error naming the store (never its
 * password), the receiver answers 503 so nothing unjournaled is acknowledged, and the store works
 * again once Redis is back (a Redis with {@code appendonly yes} keeps what was journaled).
 */
class RedisOutageTest {
  static final long APP = 1400000000L;
  static final Map<String, String> QUERY = Map.of("SdkAppid", Long.toString(APP), "CallbackCommand",
      "Bot.OnC2CMessage", "ClientIP", "1.2.3.4", "OptPlatform", "RESTAPI");

  static byte[] callback(String text) {
    return ("{\"From_Account\":\"alice\",\"To_Account\":\"bot\",\"MsgSeq\":1,\"MsgRandom\":7,\"MsgTime\":1767225600,"
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void callsFailClearlyWhileRedisIsDownAndWorkAgainWhenItReturns() {
    try (RedisServer redis = RedisServer.launch("--requirepass", "s3cret", "--appendonly", "yes")) {
      String url = "redis://:s3cret@127.0.0.1:" + redis.port() + "/0?leaseMs=1000&renewMs=200";
      BotClock clock = BotClock.system();
      try (Store store = Stores.open(url, clock)) {
        assertThat(store.describe()).contains("127.0.0.1:" + redis.port()).doesNotContain("s3cret");
        JournalPump pump = new JournalPump(store::journal, (cb, id, done) -> true, () -> 0, 10, () -> { });
        CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(APP).clock(clock).sink(cb -> {})
            .journal(new StoreCallbackJournal(store::journal, pump, 1000, () -> {}, "bot")).build();
        assertThat(receiver.handle(QUERY, callback("before")).accepted()).isTrue();

        assertThat(store.journal().backlog()).isEqualTo(1);

        redis.stop();
        assertThatThrownBy(() -> store.journal().append("C2Calice", bytes("during")).join())
            .isInstanceOf(CompletionException.class).cause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the Redis store redis://***@127.0.0.1:" + redis.port() + "/0")
            .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> store.dedupe().claim("k", "j1", Duration.ofMinutes(1)))
            .hasMessageContaining("unreachable").hasMessageNotContaining("s3cret");
        assertThat(store.journal().backlog()).as("the last known backlog, so the receiver gets to its 503").isEqualTo(1);
        assertThat(store.journal().unfinished(0, 10)).as("nothing to hand out, and no exception to stop the pump").isEmpty();
        CallbackResponse refused = receiver.handle(QUERY, callback("during"));
        assertThat(refused.status()).as("not acknowledged: the service sends it again").isEqualTo(503);

        redis.start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
            .until(() -> receiver.handle(QUERY, callback("after")).accepted());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.journal().unfinished(0, 10).size() == 2);
        assertThat(store.journal().unfinished(0, 10)).extracting(e -> new String(
                dev.timbot.internal.inbox.JournaledCallback.decode(e.payload()).body(), StandardCharsets.UTF_8))
            .satisfiesExactly(b -> assertThat(b).contains("before"), b -> assertThat(b).contains("after"));
        assertThat(store.dedupe().claim("k", "j1", Duration.ofMinutes(1))).isEmpty();
      }
    }
  }

  @Test
  void anEntryWhoseFinishWasLostInTheOutageIsReadAgainWhenRedisReturns() {
    try (RedisServer redis = RedisServer.launch("--appendonly", "yes");
        RedisStore store = TwoProcesses.open(redis, TwoProcesses.FAST_LEASES)) {
      long id = store.journal().append("C2Calice", bytes("hello")).join();
      assertThat(store.journal().unfinished(0, 10)).extracting(Store.InboxJournal.Entry::id).containsExactly(id);
      long generation = store.journal().generation();
      redis.stop();
      store.journal().finish(id); // handled, but the mark cannot reach Redis
      redis.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> store.journal().generation() > generation);
      assertThat(store.journal().unfinished(0, 10)).extracting(TwoProcesses::text).containsExactly("hello");
    }
  }

  @Test
  void openingAStoreWhoseRedisIsDownFailsClearly() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "redis://bot:pa55word@127.0.0.1:" + port + "/2";
    assertThatThrownBy(() -> Stores.open(url, BotClock.system()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the Redis store redis://bot:***@127.0.0.1:" + port + "/2 is unreachable")
        .hasMessageNotContaining("pa55word");
  }

  @Test
  void aRedisThatRestartedWithoutItsDataIsUsedAgain() {
    try (RedisServer redis = RedisServer.launch(); // no persistence
        RedisStore store = TwoProcesses.open(redis, TwoProcesses.FAST_LEASES)) {
      store.journal().append("C2Calice", bytes("lost")).join();
      redis.stop();
      redis.start();
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> store.journal().append("C2Calice", bytes("new")).join() > 0);
      await().atMost(Duration.ofSeconds(20))
          .until(() -> store.journal().unfinished(0, 10).stream().map(TwoProcesses::text).toList().contains("new"));
      assertThat(store.redisJournal().leases().readable()).hasSize(16);
    }
  }
}
