package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code store.url: file:DIR?fsync=...}: with {@code always} a flush (what an acknowledgement or a
 * send waits for) completes only after the fsync; with {@code everysec} after the write, the fsync
 * following on its own thread; a failed background fsync stops the store; a stop forces what is left.
 */
class FsyncModeTest {
  @TempDir Path dir;

  /** A store that records what it is asked to do; {@code sync()} waits for {@code disk} and may fail. */
  static final class RecordingDurable implements GroupCommit.Durable {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch disk = new CountDownLatch(1);
    final CountDownLatch syncTried = new CountDownLatch(1);
    volatile boolean syncFails;

    @Override
    public void commit() {
      events.add("commit");
    }

    @Override
    public void sync() {
      syncTried.countDown();
      try {
        disk.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (syncFails) {
        events.add("sync failed");
        throw new IllegalStateException("EIO");
      }
      events.add("sync");
    }

    @Override
    public boolean hasUnsavedChanges() {
      return false;
    }

    @Override
    public void halt() {
      events.add("halt");
    }
  }

  @Test
  void withAlwaysAFlushWaitsForTheFsync() throws Exception {
    RecordingDurable durable = new RecordingDurable();
    try (GroupCommit commits = new GroupCommit(durable, 10_000, () -> { }, "test-commit")) {
      CompletableFuture<Void> flush = commits.flush();
      assertThat(durable.syncTried.await(10, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> flush.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      durable.disk.countDown();
      flush.get(10, TimeUnit.SECONDS);
      assertThat(durable.events).containsExactly("commit", "sync");
    }
  }

  @Test
  void withEverysecAFlushCompletesOnceWrittenAndAStopForcesTheRest() throws Exception {
    RecordingDurable durable = new RecordingDurable();
    GroupCommit commits = new GroupCommit(durable, 10_000, TimeUnit.HOURS.toMillis(1), () -> { }, "test-commit");
    commits.flush().get(10, TimeUnit.SECONDS);
    commits.flush().get(10, TimeUnit.SECONDS);
    assertThat(durable.events).as("written, not yet forced").containsExactly("commit", "commit");
    durable.disk.countDown();
    commits.close();
    assertThat(durable.events).as("the stop forces both at once").containsExactly("commit", "commit", "sync");
  }

  @Test
  void aFailedBackgroundFsyncStopsTheStore() throws Exception {
    RecordingDurable durable = new RecordingDurable();
    durable.syncFails = true;
    durable.disk.countDown();
    try (GroupCommit commits = new GroupCommit(durable, 50, 10, () -> { }, "test-commit")) {
      commits.flush().get(10, TimeUnit.SECONDS); // written; the fsync that follows fails
      assertThat(durable.syncTried.await(10, TimeUnit.SECONDS)).isTrue();
      // The commit thread sees the failure on its next pass (at most its lazy interval later).
      ExecutionException refused = null;
      for (int i = 0; i < 200 && refused == null; i++) {
        try {
          commits.flush().get(10, TimeUnit.SECONDS);
          Thread.sleep(20);
        } catch (ExecutionException e) {
          refused = e;
        }
      }
      assertThat(refused).as("a flush after the failed fsync fails").isNotNull();
      assertThat(refused).hasMessageContaining("forcing the store's file to disk failed").hasMessageContaining("EIO");
      // A commit may still go out between the failed fsync and the commit thread's next look at it; none after the halt.
      assertThat(durable.events).contains("sync failed").endsWith("halt");
      assertThatThrownBy(() -> commits.flush().get(10, TimeUnit.SECONDS)).hasMessageContaining("restart the bot");
    }
  }

  @Test
  void aFailedFsyncAtTheStopIsLogged() throws Exception {
    RecordingDurable durable = new RecordingDurable();
    durable.syncFails = true;
    durable.disk.countDown();
    Logger logger = (Logger) LoggerFactory.getLogger(GroupCommit.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      GroupCommit commits = new GroupCommit(durable, 10_000, TimeUnit.HOURS.toMillis(1), () -> { }, "test-commit");
      commits.flush().get(10, TimeUnit.SECONDS);
      commits.close();
      assertThat(durable.events).containsExactly("commit", "sync failed");
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(m -> assertThat(m).contains("forcing the store's file to disk failed as the store stopped"));
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void theUrlNamesTheModeAndAnEverysecStoreKeepsWhatItWroteAcrossAStop() throws Exception {
    Path where = dir.resolve("store");
    long id;
    try (Store store = Stores.open("file:" + where + "?fsync=everysec", BotClock.system())) {
      assertThat(store.describe()).endsWith("fsync=everysec)");
      id = store.journal().append("C2Calice", new byte[] {1, 2, 3}).get(10, TimeUnit.SECONDS);
    }
    try (Store again = Stores.open("file:" + where, BotClock.system())) {
      assertThat(again.describe()).endsWith("fsync=always)");
      assertThat(again.journal().unfinished(Long.MIN_VALUE, 10)).extracting(Store.InboxJournal.Entry::id).containsExactly(id);
    }
  }

  @Test
  void aWrongParameterIsRefusedWithWhatIsAccepted() {
    assertThatThrownBy(() -> Stores.open("file:" + dir + "?fsync=sometimes", BotClock.system()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fsync=always").hasMessageContaining("everysec");
    assertThatThrownBy(() -> Stores.open("file:" + dir + "?cache=8", BotClock.system()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one parameter, fsync=always|everysec");
  }
}
