package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.InboxJournal.Entry;
import dev.timbot.spi.Store.KeyedState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fsync=everysec} and a power cut: whatever later writes reached the disk, the file must still
 * hold the version the last fsync covered (or a newer complete one). MVStore overwrites the space of
 * chunks gone out of use; had it overwritten a chunk that version needs before an fsync covered the
 * commits that replaced it, a power cut that kept the overwrite and lost those commits would leave
 * no complete version at all ("File is corrupted - unable to recover a valid set of chunks").
 *
 * <p>MVStore's retention time does not prevent that: it counts from when a chunk was written, not
 * from when it went out of use, so a chunk older than the retention time that goes out of use now
 * may be overwritten a few commits later. The test sets it to 0 to make every chunk such an old one.
 */
class EverysecPowerCutTest {
  private static final int BLOCK = 4096;

  @TempDir Path dir;

  /**
   * The disk: an fsync passes through and keeps a copy of the file as it is then on disk, until
   * {@link #loseFsyncs()}; after that nothing is forced, and the file is copied after every commit,
   * to tell what each commit wrote.
   */
  static final class Disk {
    private final Path file;
    private final AtomicLong commits = new AtomicLong();
    private final List<byte[]> afterEachCommit = new CopyOnWriteArrayList<>();
    private volatile boolean powered = true;
    private volatile long forcedCommits = -1;
    private volatile byte[] forced;

    Disk(Path file) {
      this.file = file;
    }

    GroupCommit.Durable wrap(GroupCommit.Durable real) {
      return new ForwardingDurable(real) {
        @Override
        public void commit() {
          super.commit();
          commits.incrementAndGet();
          if (!powered) {
            afterEachCommit.add(read());
          }
        }

        @Override
        public void sync() {
          if (powered) {
            long covered = commits.get();
            super.sync();
            forced = read();
            forcedCommits = covered;
          }
        }
      };
    }

    private byte[] read() {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Waits for an fsync covering every commit written so far; none goes through after it. */
    void loseFsyncs() throws InterruptedException {
      long written = commits.get();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (forcedCommits < written && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(forcedCommits).as("the background fsync covered every commit so far").isGreaterThanOrEqualTo(written);
      powered = false;
    }

    /**
     * What the disk may hold after a power cut: the file as the last fsync left it, plus what one
     * later commit wrote — one file for each such commit (the disk kept that write, lost the others).
     */
    List<byte[]> powerCuts() {
      List<byte[]> cuts = new ArrayList<>();
      byte[] before = forced;
      for (byte[] after : afterEachCommit) {
        byte[] disk = Arrays.copyOf(forced, Math.max(forced.length, after.length));
        for (int b = 0; b < after.length / BLOCK; b++) {
          int from = b * BLOCK;
          int to = from + BLOCK;
          if (to > before.length || !Arrays.equals(before, from, to, after, from, to)) {
            System.arraycopy(after, from, disk, from, BLOCK);
          }
        }
        cuts.add(disk);
        before = after;
      }
      return cuts;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPowerCutAfterTheFsyncLeavesEverythingItCovered() throws Exception {
    Path live = dir.resolve("live");
    Disk disk = new Disk(live.resolve(EmbeddedStore.FILE_NAME));
    List<Long> entries = new ArrayList<>();
    EmbeddedStore store = new EmbeddedStore(live, BotClock.system(), Fsync.EVERYSEC, disk::wrap);
    try {
      store.mv().setRetentionTime(0);
      KeyedState state = store.state("cut");
      for (int i = 0; i < 50; i++) {
        state.put("k" + i, utf8("before the fsync"), null);
      }
      for (int i = 0; i < 5; i++) {
        entries.add(store.journal().append("C2Calice", utf8("entry " + i)).get(10, TimeUnit.SECONDS));
      }
      state.flush().get(10, TimeUnit.SECONDS);
      disk.loseFsyncs();
      // Written and acknowledged, never forced: each round rewrites every page the fsync'd version
      // holds (the state, the journal's leaf), so each chunk of that version goes out of use.
      for (int round = 1; round <= 40; round++) {
        for (int i = 0; i < 50; i++) {
          state.put("k" + i, utf8("round " + round), null);
        }
        long id = store.journal().append("C2Calice", utf8("round " + round)).get(10, TimeUnit.SECONDS);
        store.journal().finish(id);
        state.flush().get(10, TimeUnit.SECONDS);
      }
    } finally {
      store.close();
    }
    List<byte[]> cuts = disk.powerCuts();
    assertThat(cuts).as("commits after the last fsync").hasSizeGreaterThan(40);
    for (int c = 0; c < cuts.size(); c++) {
      Path after = dir.resolve("cut" + c);
      Files.createDirectories(after);
      Files.write(after.resolve(EmbeddedStore.FILE_NAME), cuts.get(c));
      try (EmbeddedStore recovered = new EmbeddedStore(after, BotClock.system())) {
        KeyedState state = recovered.state("cut");
        for (int i = 0; i < 50; i++) {
          assertThat(state.get("k" + i)).as("k%d after a cut keeping commit %d", i, c).isPresent();
        }
        assertThat(recovered.journal().unfinished(Long.MIN_VALUE, 100)).extracting(Entry::id)
            .as("the journal after a cut keeping commit %d", c).containsAll(entries);
      }
    }
  }

  /** Puts every key anew and waits for the commit. */
  private static void rewrite(KeyedState state, int round) throws Exception {
    for (int i = 0; i < 50; i++) {
      state.put("k" + i, utf8("round " + round), null);
    }
    state.flush().get(10, TimeUnit.SECONDS);
  }

  @Test
  void chunksOutOfUseAreStillFreedOnceALaterFsyncCoversWhatReplacedThem() throws Exception {
    try (EmbeddedStore store = new EmbeddedStore(dir, BotClock.system(), Fsync.EVERYSEC)) {
      store.mv().setRetentionTime(0);
      KeyedState state = store.state("reuse");
      rewrite(state, 0);
      Thread.sleep(Fsync.EVERYSEC_MILLIS + 200); // an fsync: it holds the version it covered
      for (int round = 1; round <= 500; round++) {
        rewrite(state, round);
      }
      // The next fsync covers what replaced the rounds' chunks and lets go of the version held before.
      for (int fsync = 0; fsync < 2; fsync++) {
        Thread.sleep(Fsync.EVERYSEC_MILLIS + 200);
        rewrite(state, 501 + fsync);
      }
      assertThat(store.mv().getLayoutMap().keySet().stream().filter(k -> k.startsWith("chunk.")).count())
          .as("chunks in the file after 500 rounds, each writing one, and two fsyncs").isLessThan(50);
    }
  }
}
