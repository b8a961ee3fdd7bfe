package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: which writes of an echoed message force a commit (an fsync waited for) and which ride along;
 * an entry handed on early lingers for its reply's record.
 */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void anEchoedMessageForcesTwoCommitsTheAppendAndTheRecordNothingElse() {
    try (EmbeddedStore store = new EmbeddedStore(dir, BotClock.system())) {
      long before = store.flushRequests();
      long id = store.journal().append("C2Calice", new byte[100]).join();
      assertThat(store.flushRequests() - before).as("journal append").isEqualTo(1);

      store.dedupe().claim("id:144115-1", "j" + id, Duration.ofMinutes(10));
      store.dedupe().claim("key:1_7_1", "j" + id, Duration.ofMinutes(10));
      long seq = store.outbox().nextSeq("C2Calice");
      assertThat(store.flushRequests() - before).as("dedupe claims and MsgSeq ride along").isEqualTo(1);

      Instant now = Instant.now();
      store.outbox().record(new Entry("j" + id + "#0", "C2Calice", seq, 7, new byte[40], State.PENDING, 0, now, now,
          null)).join();
      assertThat(store.flushRequests() - before).as("outbox record").isEqualTo(2);

      store.outbox().done("j" + id + "#0", Duration.ofMinutes(1));
      store.journal().finish(id);
      assertThat(store.flushRequests() - before).as("done mark and journal finish ride along").isEqualTo(2);
    }
  }

  /** Counts the commits asked of the disk. */
  private static class CountingDurable implements GroupCommit.Durable {
    final AtomicInteger commits = new AtomicInteger();

    @Override
    public void commit() {
      commits.incrementAndGet();
    }

    @Override
    public void sync() {}

    @Override
    public boolean hasUnsavedChanges() {
      return false;
    }

    @Override
    public void halt() {}
  }

  @Test
  void anEntryHandedOnEarlyWaitsForItsRepliesRecordAndBothTakeOneCommit() throws Exception {
    CountingDurable disk = new CountingDurable();
    try (GroupCommit commits = idle(disk, "test-commit-pair")) {
      CompletableFuture<Void> entry = commits.flushWithin(TimeUnit.SECONDS.toNanos(60));
      assertThat(entry).as("lingering: no commit for the entry alone yet").isNotDone();
      assertThat(disk.commits).hasValue(0);

      CompletableFuture<Void> record = commits.flush();
      CompletableFuture.allOf(entry, record).get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).as("the entry and the record in one commit").hasValue(1);
    }
  }

  @Test
  void aLingeringFlushAloneIsCommittedWhenItsTimeIsUpNotAtTheIdleWaitsEnd() throws Exception {
    CountingDurable disk = new CountingDurable();
    // The commit thread sleeps for up to a minute when idle; the entry may linger for a millisecond.
    // Asleep before the request: the request must wake it (a thread not yet waiting would just see
    // the deadline, and the test would pass without the wake-up).
    try (GroupCommit commits = idle(disk, "test-commit-idle")) {
      commits.flushWithin(TimeUnit.MILLISECONDS.toNanos(1)).get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).hasValue(1);
    }
  }

  @Test
  void aLingeringFlushSoonAfterACommitDoesNotWakeTheCommitThread() throws Exception {
    CountingDurable disk = new CountingDurable();
    long linger = TimeUnit.SECONDS.toNanos(30); // half the idle wait of idle(): the watch ends first
    try (GroupCommit commits = idle(disk, "test-commit-watch")) {
      CompletableFuture<Void> entry = commits.flushWithin(linger); // echoes: entries linger, closer together
      CompletableFuture<Void> second = commits.flushWithin(linger); // than their linger,
      commits.flush().get(10, TimeUnit.SECONDS); // and a record's flush commits them
      CompletableFuture.allOf(entry, second).get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> asleep("test-commit-watch"));

      long before = commits.wakeUps();
      CompletableFuture<Void> next = commits.flushWithin(linger);
      assertThat(commits.wakeUps()).as("asleep only until the latest linger after the commit: no wake-up needed")
          .isEqualTo(before);
      assertThat(next).isNotDone();

      commits.flush().get(10, TimeUnit.SECONDS);
      next.get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).as("the pair, then the next entry with its record").hasValue(2);
    }
  }

  /**
   * Lingering flushes farther apart than their linger: after a commit the thread sleeps the idle wait at
   * once (a watch would end with nothing come, a wake-up for nothing), so the next one must wake it.
   * Fails if the thread watches whatever the rate (as long as the test reaches it within the watch).
   */
  @Test
  void lingeringFlushesFartherApartThanTheirLingerAreNotWatchedFor() throws Exception {
    CountingDurable disk = new CountingDurable();
    long linger = TimeUnit.MILLISECONDS.toNanos(200);
    try (GroupCommit commits = idle(disk, "test-commit-sparse")) {
      commits.flushWithin(linger).get(10, TimeUnit.SECONDS); // committed at its time, alone
      await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> true); // a slow rate
      commits.flushWithin(linger).get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> asleep("test-commit-sparse"));

      long before = commits.wakeUps();
      CompletableFuture<Void> next = commits.flushWithin(linger);
      assertThat(commits.wakeUps()).as("asleep for the idle wait: woken for the linger").isEqualTo(before + 1);
      next.get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).hasValue(3);
    }
  }

  @Test
  void anEntryFinishedWithoutAReplyNeedNotLinger() throws Exception {
    CountingDurable disk = new CountingDurable();
    try (GroupCommit commits = idle(disk, "test-commit-hurry")) {
      CompletableFuture<Void> entry = commits.flushWithin(TimeUnit.SECONDS.toNanos(60));
      await().atMost(Duration.ofSeconds(10)).until(() -> asleep("test-commit-hurry"));
      assertThat(entry).as("lingering for a record that will not come").isNotDone();

      commits.hurry(); // what EmbeddedJournal.finish does for an entry not yet durable
      entry.get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).hasValue(1);
    }
  }

  @Test
  void aBusyCommitThreadDoesNotLingerWhatArrivedDuringItsCommit() throws Exception {
    BlockingFirstCommit disk = new BlockingFirstCommit();
    try (GroupCommit commits = new GroupCommit(disk, 60_000, () -> { }, "test-commit-busy")) {
      CompletableFuture<Void> first = commits.flush();
      disk.inFirst.await(10, TimeUnit.SECONDS);
      // Asked for while the first commit runs: at saturation waiting for its record would hold its ack back.
      CompletableFuture<Void> entry = commits.flushWithin(TimeUnit.SECONDS.toNanos(60));
      disk.release.countDown();
      CompletableFuture.allOf(first, entry).get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).hasValue(2);
    }
  }

  /**
   * After a commit of a large batch (three flushes here), the next commit waits for the pacing gap (an hour
   * here) unless enough flushes (five) wait: four flushes asked for one by one stay uncommitted, and a fifth
   * — a lingering one, which counts too — starts one commit for all. Fails without pacing (the thread is
   * never held back, and the flushes would be committed at once, in up to four commits).
   */
  @Test
  void afterALargeBatchTheNextCommitWaitsUntilEnoughFlushesWait() throws Exception {
    BlockingFirstCommit disk = new BlockingFirstCommit();
    try (GroupCommit commits = afterLargeBatch(disk, 5, "test-commit-paced")) {

      List<CompletableFuture<Void>> held = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        held.add(commits.flush());
      }
      await().atMost(Duration.ofSeconds(10)).until(commits::heldBack);
      assertThat(held).as("held back: four flushes are not enough").noneMatch(CompletableFuture::isDone);
      assertThat(disk.commits).hasValue(2);

      held.add(commits.flushWithin(TimeUnit.HOURS.toNanos(1)));
      CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).as("the five in one commit").hasValue(3);
    }
  }

  /** Closing ends a hold: what waits is committed, not left waiting for the gap. */
  @Test
  void closingCommitsWhatAHeldBackThreadHolds() throws Exception {
    BlockingFirstCommit disk = new BlockingFirstCommit();
    CompletableFuture<Void> held;
    try (GroupCommit commits = afterLargeBatch(disk, 100, "test-commit-close")) {
      held = commits.flush();
      await().atMost(Duration.ofSeconds(10)).until(commits::heldBack);
    }
    held.get(1, TimeUnit.SECONDS);
    assertThat(disk.commits).hasValue(3);
  }

  /** Small batches are not paced, and work between commits (a checkpoint's) is never held back. */
  @Test
  void smallBatchesAndWorkBetweenCommitsAreNotHeldBack() throws Exception {
    BlockingFirstCommit disk = new BlockingFirstCommit();
    try (GroupCommit commits = afterLargeBatch(disk, 100, "test-commit-between")) {
      // Held back, it would wait the hour and this would time out.
      commits.beforeNextCommit(() -> { }).get(10, TimeUnit.SECONDS);

      // That pass completed no flush: what follows is not paced, each flush its own commit.
      commits.flush().get(10, TimeUnit.SECONDS);
      commits.flush().get(10, TimeUnit.SECONDS);
      assertThat(disk.commits).hasValue(4);
    }
  }

  /** Holds the first commit until released, so flushes asked for meanwhile make the second commit's batch (or wait). */
  private static final class BlockingFirstCommit extends CountingDurable {
    final CountDownLatch inFirst = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void commit() {
      if (commits.incrementAndGet() == 1) {
        inFirst.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * A commit thread pacing with an hour's gap after a batch of three flushes, unless {@code untilFlushes}
   * wait, returned right after such a batch: its next commit is held back.
   */
  private static GroupCommit afterLargeBatch(BlockingFirstCommit disk, int untilFlushes, String name) throws Exception {
    CommitPacing pacing = new CommitPacing(TimeUnit.HOURS.toNanos(1), 3, untilFlushes);
    GroupCommit commits = new GroupCommit(disk, 60_000, 0, pacing, () -> { }, name);
    try {
      largeBatch(commits, disk, 3);
      return commits;
    } catch (Exception | Error e) {
      commits.close();
      throw e;
    }
  }

  /** Makes the second commit one of {@code size} flushes (the first is held while they are asked for). */
  private static void largeBatch(GroupCommit commits, BlockingFirstCommit disk, int size) throws Exception {
    CompletableFuture<Void> first = commits.flush();
    assertThat(disk.inFirst.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> batch = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      batch.add(commits.flush());
    }
    disk.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(disk.commits).as("the first commit, then the batch in one").hasValue(2);
  }

  /**
   * A commit thread sleeping up to a minute when idle, returned once it is asleep: only an idle thread
   * lingers, and a request must then wake it.
   */
  private static GroupCommit idle(GroupCommit.Durable disk, String name) {
    GroupCommit commits = new GroupCommit(disk, 60_000, () -> { }, name);
    await().atMost(Duration.ofSeconds(10)).until(() -> asleep(name));
    return commits;
  }

  /** The named thread waits with a timeout: for a commit thread, its idle or lingering wait (or a paced one). */
  private static boolean asleep(String thread) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(thread) && t.getState() == Thread.State.TIMED_WAITING);
  }
}
