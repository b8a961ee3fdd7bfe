package dev.timbot.store.redis;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.store.redis.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Journal cost, Redis vs the embedded store (not a unit test: run with {@code -Dbench=true}).
 * Appends 1 KB callbacks over 500 conversations with 64 in flight (the receiver's concurrency),
 * then reads and finishes them as the pump does; and single appends one after another (latency).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class JournalAppendBench {
  static final int N = 20_000;

  @Test
  void redisVersusEmbedded() throws Exception {
    Path dir = Files.createTempDirectory("timbot-bench-");
    try (RedisServer redis = RedisServer.launch("--appendonly", "yes", "--appendfsync", "everysec")) {
      run("redis (appendfsync everysec)", redis.url());
      redis.flushAll();
      run("file (H2 MVStore, group commit)", "file:" + dir);
    }
  }

  static void run(String name, String url) throws Exception {
    try (Store store = Stores.open(url, BotClock.system())) {
      InboxJournal j = store.journal();
      byte[] payload = new byte[1024];
      Arrays.fill(payload, (byte) 'x');
      for (int i = 0; i < 2_000; i++) { // warm up
        j.append("C2Cwarm" + (i % 50), payload).join();
      }
      drain(j);
      Semaphore inFlight = new Semaphore(64);
      List<CompletableFuture<Long>> all = new ArrayList<>(N);
      long t0 = System.nanoTime();
      for (int i = 0; i < N; i++) {
        inFlight.acquire();
        CompletableFuture<Long> f = j.append("C2Cuser" + (i % 500), payload);
        f.whenComplete((v, e) -> inFlight.release());
        all.add(f);
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      double appendSecs = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      int drained = drain(j);
      double drainSecs = (System.nanoTime() - t1) / 1e9;
      long[] lat = new long[2_000];
      for (int i = 0; i < lat.length; i++) {
        long s = System.nanoTime();
        j.finish(j.append("C2Cone", payload).join());
        lat[i] = System.nanoTime() - s;
      }
      Arrays.sort(lat);
      System.out.printf("BENCH %-34s appends/s %,8.0f (64 in flight) | read+finish/s %,8.0f (%d) | sequential append+finish p50 %.2f ms p99 %.2f ms%n",
          name, N / appendSecs, drained / drainSecs, drained, lat[lat.length / 2] / 1e6, lat[lat.length * 99 / 100] / 1e6);
    }
  }

  static int drain(InboxJournal j) {
    int n = 0;
    long cursor = 0;
    while (true) {
      List<InboxJournal.Entry> page = j.unfinished(cursor, 256);
      if (page.isEmpty()) {
        return n;
      }
      for (InboxJournal.Entry e : page) {
        j.finish(e.id());
        cursor = e.id();
        n++;
      }
    }
  }
}
