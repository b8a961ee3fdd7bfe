package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: which flushes force a commit, and where the work chained to a commit runs. */
class GroupCommitTest {
  @TempDir Path dir;

  /** Counts commits; never has lazy changes of its own; each commit waits until the disk is let go. */
  static final class CountingDurable implements GroupCommit.Durable {
    final AtomicInteger commits = new AtomicInteger();
    final CountDownLatch disk = new CountDownLatch(1);

    CountingDurable() {
      this(true);
    }

    CountingDurable(boolean free) {
      if (free) {
        disk.countDown();
      }
    }

    @Override
    public void commitAndSync() {
      await(disk);
      commits.incrementAndGet();
    }

    @Override
    public boolean hasUnsavedChanges() {
      return false;
    }
  }

  @Test
  void aSendChainedToARecordDoesNotHoldUpTheNextCommit() throws Exception {
    CountingDurable disk = new CountingDurable(false);
    GroupCommit commits = new GroupCommit(disk, 60_000, () -> {}, "test-commit");
    try {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch sending = new CountDownLatch(1);
      AtomicReference<String> sendThread = new AtomicReference<>();
      CompletableFuture<Void> recorded = commits.flushThenContinue();
      CompletableFuture<Void> send = recorded.thenRun(() -> {
        sendThread.set(Thread.currentThread().getName());
        sending.countDown();
        await(release); // a slow send (interceptors, body, HTTP call)
      });
      disk.disk.countDown(); // the commit may finish now that the send is chained to it
      // (not recorded.get(): a thread waiting in get() may run the dependant itself)
      assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

      // While that send still runs, a receiver's append is committed and acknowledged.
      commits.flush().get(10, TimeUnit.SECONDS);
      assertThat(send).isNotDone();
      assertThat(disk.commits).hasValue(2);

      release.countDown();
      send.get(10, TimeUnit.SECONDS);
      assertThat(sendThread).hasValue("test-commit-continue");
    } finally {
      commits.close();
    }
  }

  @Test
  void continuationsOfOneCommitRunInTheOrderTheyWereAskedFor() throws Exception {
    GroupCommit commits = new GroupCommit(new CountingDurable(), 60_000, () -> {}, "test-commit");
    try {
      StringBuffer order = new StringBuffer();
      CompletableFuture<?>[] all = new CompletableFuture<?>[20];
      for (int i = 0; i < all.length; i++) {
        int n = i;
        all[i] = commits.flushThenContinue().thenRun(() -> order.append(n).append(','));
      }
      CompletableFuture.allOf(all).get(10, TimeUnit.SECONDS);
      assertThat(order.toString()).isEqualTo("0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,");
    } finally {
      commits.close();
    }
  }

  @Test
  void aFlushAskedForAfterCloseFailsAndCloseRunsTheLastContinuations() throws Exception {
    GroupCommit commits = new GroupCommit(new CountingDurable(), 60_000, () -> {}, "test-commit");
    CompletableFuture<Void> recorded = commits.flushThenContinue();
    commits.close();
    assertThat(recorded).isCompleted();
    assertThat(commits.flushThenContinue()).isCompletedExceptionally();
  }

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

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
