package dev.timbot.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.emulator.LocalIm;
import dev.timbot.message.TextElem;
import dev.timbot.store.redis.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real bots share one Redis store, chosen by configuration alone ({@code TIMBOT_STORE}); the
 * emulator sends every callback to bot A. Each conversation is answered by the one bot holding its
 * journal shard, every message exactly once and in order, and both bots take part.
 */
class BotsOnRedisTest {
  static final String BOT = "@RBT#echo";
  @TempDir Path media;

  /** Echoes text, naming the process that answered. */
  record NamedEcho(String process) implements Plugin {
    @Override
    public void configure(Handlers on) {
      on.text(ctx -> ctx.reply("You said: " + ctx.text() + " (" + process + ")"));
    }
  }

  Bot bot(LocalIm im, RedisServer redis, String name) {
    BotConfig config = BotConfig.load(null, Map.of(
        "TIM_SDKAPPID", Long.toString(im.sdkAppId()), "TIM_SECRET_KEY", im.secretKey(),
        "TIM_ADMIN", im.admin(), "TIM_BASE_URL", im.baseUrl(), "BOT_ACCOUNT", BOT,
        "CALLBACK_HOST", "127.0.0.1", "CALLBACK_PORT", "0", "CALLBACK_TOKEN", im.callbackToken(),
        "MEDIA_DIR", media.resolve(name).toString(),
        "TIMBOT_STORE", redis.url() + TwoProcesses.FAST_LEASES));
    return Bot.builder().config(config).plugin(new NamedEcho(name)).build();
  }

  /** Waits until the journal's 16 shards are split 8/8 between two processes (read from Redis). */
  static void awaitBalanced(RedisServer redis) {
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> {
        Map<String, Integer> owners = new HashMap<>();
        for (int s = 0; s < 16; s++) {
          String owner = c.sync().get("timbot:j:lease:" + s);
          if (owner != null) {
            owners.merge(owner, 1, Integer::sum);
          }
        }
        return owners.size() == 2 && owners.values().stream().allMatch(n -> n == 8);
      });
    } finally {
      client.shutdown();
    }
  }

  @Test
  void twoBotsOnOneRedisAnswerEveryMessageOnceInOrder() throws Exception {
    try (RedisServer redis = RedisServer.launch(); LocalIm im = LocalIm.builder().port(0).start()) {
      Bot a = bot(im, redis, "A");
      Bot b = bot(im, redis, "B");
      a.start();
      b.start();
      try {
        awaitBalanced(redis);
        im.setCallback(a.callbackUrl().orElseThrow().toString());
        List<String> users = IntStream.range(0, 20).mapToObj(i -> "user" + i).toList();
        Map<String, List<String>> replies = new ConcurrentHashMap<>();
        for (String u : users) {
          List<String> mine = new CopyOnWriteArrayList<>();
          replies.put(u, mine);
          im.users().login(u);
          im.users().subscribe(u, new ImUserListener() {
            @Override
            public void onMessage(ClientMessage m) {
              if (BOT.equals(m.from())) {
                mine.add(((TextElem) m.body().get(0)).text());
              }
            }
          });
        }
        for (int n = 1; n <= 3; n++) {
          for (String u : users) {
            im.users().sendC2C(u, BOT, List.of(TextElem.of("m" + n)), null);
          }
        }
        await().atMost(Duration.ofSeconds(60))
            .until(() -> replies.values().stream().allMatch(r -> r.size() >= 3));
        Thread.sleep(300); // a duplicate would arrive right behind

        Set<String> processes = new HashSet<>();
        for (String u : users) {
          List<String> r = new ArrayList<>(replies.get(u));
          assertThat(r).as("replies to %s: each message once, in order", u).hasSize(3);
          String process = r.get(0).substring(r.get(0).indexOf('('));
          assertThat(r).as("one process per conversation").containsExactly(
              "You said: m1 " + process, "You said: m2 " + process, "You said: m3 " + process);
          processes.add(process);
        }
        assertThat(processes).as("both bots handled conversations").containsExactlyInAnyOrder("(A)", "(B)");
      } finally {
        a.stop();
        b.stop();
      }
    }
  }
}
