package dev.timbot.store.redis;

import static dev.timbot.store.redis.TwoProcesses.FAST_LEASES;
import static dev.timbot.store.redis.TwoProcesses.awaitShares;
import static dev.timbot.store.redis.TwoProcesses.bytes;
import static dev.timbot.store.redis.TwoProcesses.drain;
import static dev.timbot.store.redis.TwoProcesses.open;
import static dev.timbot.store.redis.TwoProcesses.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.store.redis.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two processes (two stores, each with its own instance id) sharing one journal on one Redis. */
class SharedJournalTest {
  static RedisServer redis;
  final List<RedisStore> opened = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.launch();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void fresh() {
    redis.flushAll();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(RedisStore::close);
  }

  RedisStore process() {
    RedisStore s = open(redis, FAST_LEASES);
    opened.add(s);
    return s;
  }

  /** Appends {@code n} entries round-robin over {@code partitions} conversations, half through each process. */
  static List<Long> append(int n, int partitions, InboxJournal... via) {
    List<CompletableFuture<Long>> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String p = "C2Cuser" + (i % partitions);
      ids.add(via[i % via.length].append(p, bytes(p + "#" + i)));
    }
    return ids.stream().map(CompletableFuture::join).toList();
  }

  static String partition(InboxJournal.Entry e) {
    return text(e).substring(0, text(e).indexOf('#'));
  }

  static int seq(InboxJournal.Entry e) {
    return Integer.parseInt(text(e).substring(text(e).indexOf('#') + 1));
  }

  /** Per partition, the entries one process got are in append order. */
  static void assertPartitionOrder(List<InboxJournal.Entry> got) {
    Map<String, Integer> last = new HashMap<>();
    for (InboxJournal.Entry e : got) {
      Integer before = last.put(partition(e), seq(e));
      assertThat(before == null || before < seq(e)).as("order within %s at %s (id %s) in %s", partition(e), text(e), e.id(),
          got.stream().map(x -> x.id() + "=" + text(x)).toList()).isTrue();
    }
  }

  static Set<String> partitions(List<InboxJournal.Entry> got) {
    Set<String> out = new HashSet<>();
    got.forEach(e -> out.add(partition(e)));
    return out;
  }

  @Test
  void partitionsAreSplitAndEveryEntryGoesToExactlyOneProcessInOrder() {
    RedisStore a = process();
    RedisStore b = process();
    awaitShares(a, 8, b, 8);
    List<Long> ids = append(300, 30, a.journal(), b.journal());
    assertThat(a.journal().backlog()).isEqualTo(300);

    List<InboxJournal.Entry> gotA = drain(a.journal(), true);
    List<InboxJournal.Entry> gotB = drain(b.journal(), true);

    assertThat(gotA).isNotEmpty();
    assertThat(gotB).isNotEmpty();
    List<Long> all = new ArrayList<>();
    gotA.forEach(e -> all.add(e.id()));
    gotB.forEach(e -> all.add(e.id()));
    assertThat(all).as("every entry handed to exactly one process").containsExactlyInAnyOrderElementsOf(ids);
    assertPartitionOrder(gotA);
    assertPartitionOrder(gotB);
    assertThat(partitions(gotA)).as("a conversation is handled in one process").doesNotContainAnyElementsOf(partitions(gotB));
    assertThat(b.journal().backlog()).isZero();
  }

  @Test
  void aKilledProcessesShardsAndUnfinishedEntriesMoveToTheOther() {
    RedisStore a = process();
    RedisStore b = process();
    awaitShares(a, 8, b, 8);
    for (int u = 0; u < 40; u++) {
      String conversation = "C2Cu" + u;
      assertThat(a.journal().holds(conversation)).as("one holder for " + conversation)
          .isNotEqualTo(b.journal().holds(conversation));
    }
    append(200, 40, a.journal(), b.journal());
    List<InboxJournal.Entry> inHandOfA = drain(a.journal(), false); // read, never finished: A "dies" running them
    List<InboxJournal.Entry> doneByB = drain(b.journal(), true);
    assertThat(inHandOfA).isNotEmpty();
    long generation = b.journal().generation();

    long killedAt = System.nanoTime();
    a.abandon(); // stops renewing and gives nothing back, like kill -9
    await().atMost(Duration.ofSeconds(10)).until(() -> b.redisJournal().leases().readable().size() == 16);
    long movedMillis = (System.nanoTime() - killedAt) / 1_000_000;

    assertThat(b.journal().generation()).as("the reader is told to read from the start").isGreaterThan(generation);
    assertThat(java.util.stream.IntStream.range(0, 40).mapToObj(u -> "C2Cu" + u))
        .as("B now holds every conversation").allMatch(b.journal()::holds);
    List<InboxJournal.Entry> takenOver = drain(b.journal(), true);
    assertThat(takenOver).extracting(InboxJournal.Entry::id)
        .as("A's unfinished entries, claimed by B, in id order")
        .containsExactlyElementsOf(inHandOfA.stream().map(InboxJournal.Entry::id).sorted().toList());
    assertPartitionOrder(takenOver);
    assertThat(partitions(takenOver)).doesNotContainAnyElementsOf(partitions(doneByB));
    assertThat(b.journal().backlog()).isZero();
    assertThat(movedMillis).as("moved within lease + renew period + slack").isLessThan(10_000);
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      StringBuilder consumers = new StringBuilder();
      for (int s = 0; s < 16; s++) {
        consumers.append(c.sync().xinfoConsumers("timbot:j:s:" + s, RedisJournal.GROUP));
      }
      assertThat(consumers.toString()).contains(b.instance())
          .as("the dead process's consumer is dropped once its entries were claimed").doesNotContain(a.instance());
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aClosedProcessGivesItsShardsBackAtOnce() {
    RedisStore a = process();
    RedisStore b = process();
    awaitShares(a, 8, b, 8);
    append(50, 10, a.journal());
    a.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> b.redisJournal().leases().readable().size() == 16);
    assertThat(drain(b.journal(), true)).hasSize(50);
  }

  @Test
  void aSurplusShardIsGivenBackOnlyOnceItsHandedOutEntriesAreFinished() {
    RedisStore a = process();
    awaitShares(a, 16, a, 16);
    append(160, 80, a.journal());
    List<InboxJournal.Entry> inHand = drain(a.journal(), false);
    assertThat(inHand).hasSize(160);

    RedisStore b = process();
    // A sees two live processes and starts giving 8 shards back: it hands out nothing more from them…
    await().atMost(Duration.ofSeconds(10)).until(() -> a.redisJournal().leases().readable().size() == 8);
    for (int i = 0; i < 3; i++) {
      a.redisJournal().leases().tick();
      b.redisJournal().leases().tick();
    }
    // …but keeps their leases while it still runs entries of theirs: B must not start on those conversations.
    assertThat(b.redisJournal().leases().held()).isEmpty();
    assertThat(a.redisJournal().leases().held()).hasSize(16);

    inHand.forEach(e -> a.journal().finish(e.id()));
    awaitShares(a, 8, b, 8);
    append(40, 40, a.journal());
    List<InboxJournal.Entry> gotA = drain(a.journal(), true);
    List<InboxJournal.Entry> gotB = drain(b.journal(), true);
    assertThat(gotA.size() + gotB.size()).isEqualTo(40);
    assertThat(gotB).isNotEmpty();
  }

  @Test
  void threeProcessesShareTheShardsFairlyAndTwoTakeOverFromAThird() {
    RedisStore a = process();
    RedisStore b = process();
    RedisStore c = process();
    // Each at most ceil(16 / 3) = 6, all 16 held: 4/6/6 (or 5/5/6 when two took free shards at once).
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      List<Integer> s = shares(a, b, c);
      return s.get(0) >= 4 && s.get(2) == 6 && s.get(0) + s.get(1) + s.get(2) == 16;
    });
    c.abandon();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
        shares(a, b).equals(List.of(8, 8)));
    assertThat(a.redisJournal().leases().held()).doesNotContainAnyElementsOf(b.redisJournal().leases().held());
  }

  static List<Integer> shares(RedisStore... stores) {
    List<Integer> out = new ArrayList<>();
    for (RedisStore s : stores) {
      out.add(s.redisJournal().leases().readable().size());
    }
    out.sort(null);
    return out;
  }
}
