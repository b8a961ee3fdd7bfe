package dev.timbot.store.redis;

import static org.awaitility.Awaitility.await;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.store.redis.testing.RedisServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that run several "processes" (stores with their own instance id) on one Redis. */
final class TwoProcesses {
  /** Short leases so handovers happen within a test: a shard moves within 1.2 s of its holder's death. */
  static final String FAST_LEASES = "?leaseMs=1000&renewMs=200";

  private TwoProcesses() {}

  static RedisStore open(RedisServer redis, String options) {
    return (RedisStore) new RedisStoreProvider().open(URI.create(redis.url() + options), BotClock.system());
  }

  static void awaitShares(RedisStore a, int sharesA, RedisStore b, int sharesB) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
        a.redisJournal().leases().readable().size() == sharesA && b.redisJournal().leases().readable().size() == sharesB);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(InboxJournal.Entry e) {
    return new String(e.payload(), StandardCharsets.UTF_8);
  }

  /** Reads every entry this process may handle now, in the pump's way (cursor, then finish). */
  static List<InboxJournal.Entry> drain(InboxJournal j, boolean finish) {
    List<InboxJournal.Entry> out = new ArrayList<>();
    long cursor = 0;
    while (true) {
      List<InboxJournal.Entry> page = j.unfinished(cursor, 7);
      if (page.isEmpty()) {
        return out;
      }
      for (InboxJournal.Entry e : page) {
        out.add(e);
        cursor = e.id();
        if (finish) {
          j.finish(e.id());
        }
      }
    }
  }
}
