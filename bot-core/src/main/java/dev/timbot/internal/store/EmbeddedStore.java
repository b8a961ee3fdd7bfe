package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.DedupeWindow;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.spi.Store.KeyedState;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.TimerStore;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * {@code store.url: file:DIR} — the embedded store: one H2 MVStore file ({@code DIR/timbot.mv.db})
 * with a map per port, written with group commit ({@link GroupCommit}). H2 MVStore was chosen by
 * measurement among H2, SQLite and RocksDB (BENCHMARKS.md, "Durable store"): all three sustain
 * tens of thousands of fsync'd appends per second with group commit; MVStore is pure Java (no
 * native library per platform) and its maps make the dedupe claim an in-memory compare-and-set.
 *
 * <p>One process at a time: MVStore locks the file, and a second bot on the same directory fails
 * to start with a message saying so.
 *
 * <p>{@code file:DIR?fsync=everysec} forces the file to disk once a second instead of at every
 * commit ({@link Fsync}): acknowledgements no longer wait for the disk; a power cut may lose the
 * last second.
 */
public final class EmbeddedStore implements Store {
  static final String FILE_NAME = "timbot.mv.db";
  /** How long a write not waited for may stay in memory before the flusher commits it. */
  private static final long LAZY_COMMIT_MILLIS = 100;
  /** Chunks less full than this (percent of their bytes live) are compacted. */
  private static final int COMPACT_FILL_RATE = 50;
  /**
   * Live bytes one housekeeping run (about a second) may rewrite while compacting. The commit thread
   * does it between two commits, so every reply waiting meanwhile waits for it too: a slice each
   * second rather than 4 MB every 5 s (issue 15, BENCHMARKS §8j: the commit thread's longest
   * housekeeping about a quarter as long, its total less, the file smaller).
   */
  private static final int COMPACT_SLICE_BYTES = 1 << 20;
  /**
   * Pages are split past this many bytes (MVStore's default is 16 KB). Every commit rewrites the
   * right-most leaf of the journal and the outbox (appended at the end, removed or marked done soon
   * after) and the path above it; smaller pages write about a third fewer bytes per message for the
   * same commit-thread CPU (BENCHMARKS §8j).
   */
  private static final int PAGE_SPLIT_BYTES = 4 << 10;
  /**
   * Page cache in MiB (MVStore's default is 16; MVStore takes whole MiB, and 0 means none). MVStore
   * drops a saved page from its tree and caches it only when it is read back; every commit saves
   * the right-most leaves of the journal and the outbox and the path above them, so each is read
   * back once per commit under a new position and the cache fills with versions no commit will ask
   * for again. Whatever the cache holds at a young collection was read since the previous one and is
   * copied as a survivor: 4 MiB made ~2.5 MB of every young pause's 5–7 MB of survivors (BENCHMARKS
   * §8m). One MiB still holds the hot paths between two commits.
   */
  private static final int CACHE_MB = 1;

  private final Path dir;
  private final Fsync fsync;
  private final MVStore mv;
  private final GroupCommit commits;
  private final EmbeddedJournal journal;
  private final EmbeddedDedupe dedupe;
  private final EmbeddedOutbox outbox;
  private final EmbeddedTimers timers;
  private final BotClock clock;
  private final Map<String, EmbeddedState> states = new ConcurrentHashMap<>();

  public EmbeddedStore(Path dir, BotClock clock) {
    this(dir, clock, Fsync.ALWAYS);
  }

  EmbeddedStore(Path dir, BotClock clock, Fsync fsync) {
    this(dir, clock, fsync, UnaryOperator.identity());
  }

  /** With the commit wrapped (tests: to hold a commit back, or make it fail). */
  EmbeddedStore(Path dir, BotClock clock, UnaryOperator<GroupCommit.Durable> wrap) {
    this(dir, clock, Fsync.ALWAYS, wrap);
  }

  EmbeddedStore(Path dir, BotClock clock, Fsync fsync, UnaryOperator<GroupCommit.Durable> wrap) {
    this.dir = dir.toAbsolutePath().normalize();
    this.clock = clock;
    this.fsync = fsync;
    try {
      Files.createDirectories(this.dir);
    } catch (IOException e) {
      throw new UncheckedIOException("store.url: cannot create directory " + this.dir + ": " + e.getMessage(), e);
    }
    try {
      // Only the commit thread commits: no background thread, and no commit on a writer's thread when
      // unsaved changes pass a size (MVStore's default) — such a commit would take the maps' roots
      // while staged writes are put in, and its failure would not stop the store (GroupCommit).
      mv = new MVStore.Builder().fileName(this.dir.resolve(FILE_NAME).toString()).autoCommitDisabled()
          .autoCommitBufferSize(0).cacheSize(CACHE_MB).pageSplitSize(PAGE_SPLIT_BYTES).open();
      // Old chunks may be overwritten once nothing live is in them. MVStore waits 45 s by default
      // in case the OS has not flushed yet; with fsync=always every commit is followed by an fsync,
      // so 1 s is safe, and it keeps a busy journal from growing the file by ~2 KB per callback.
      // With fsync=everysec a longer time would not help: MVStore counts it from when a chunk was
      // written, not from when it went out of use; what keeps the chunks the last fsync'd version
      // needs is the version held in sync() below.
      mv.setRetentionTime(1000);
    } catch (MVStoreException e) {
      throw new IllegalStateException("store.url: cannot open " + this.dir.resolve(FILE_NAME)
          + " (is another bot using this directory?): " + e.getMessage(), e);
    }
    // Before the commit thread starts, so its first commit holds every move of an earlier layout whole.
    TypedMaps.moveGeneric(mv);
    // Before the commit thread starts: its housekeeping sweeps the window, which reads the whole claim log at open.
    dedupe = EmbeddedDedupe.open(mv, clock);
    commits = new GroupCommit(wrap.apply(new GroupCommit.Durable() {
      @Override
      public void commit() {
        mv.commit();
      }

      /**
       * With fsync=everysec: the version the last fsync covered, held in use. MVStore overwrites a
       * chunk gone out of use only once it went out of use before the oldest version in use, so
       * every chunk that version needs stays in the file until an fsync covers the commits that
       * replaced it, and a power cut finds a complete version. The retention time cannot do this:
       * MVStore counts it from when a chunk was written, not from when it went out of use
       * (EverysecPowerCutTest).
       */
      private final AtomicReference<MVStore.TxCounter> forced = new AtomicReference<>();

      @Override
      public void sync() {
        if (fsync == Fsync.ALWAYS) {
          mv.sync(); // on the commit thread, between two commits: nothing is overwritten before this
          return;
        }
        // Taken between two commits (under the store's lock, which a commit holds while it writes):
        // every chunk of this version and the ones before it is then written, so the fsync covers it.
        AtomicReference<MVStore.TxCounter> covered = new AtomicReference<>();
        mv.executeFilestoreOperation(() -> covered.set(mv.registerVersionUsage()));
        try {
          mv.sync();
        } catch (RuntimeException | Error e) {
          mv.deregisterVersionUsage(covered.get());
          throw e;
        }
        MVStore.TxCounter previous = forced.getAndSet(covered.get());
        if (previous != null) {
          mv.deregisterVersionUsage(previous);
        }
      }

      @Override
      public boolean hasUnsavedChanges() {
        return mv.hasUnsavedChanges();
      }

      @Override
      public void halt() {
        mv.closeImmediately();
      }
    }), LAZY_COMMIT_MILLIS, fsync == Fsync.ALWAYS ? 0 : Fsync.EVERYSEC_MILLIS, this::housekeeping, "timbot-store-commit");
    journal = new EmbeddedJournal(mv, commits, clock);
    outbox = new EmbeddedOutbox(mv, commits, clock);
    // What handling a journal entry writes is put into the maps by the commit thread, so it is never
    // durable before the entry (GroupCommit, "Staged writes"): the entry may be handled before its commit.
    commits.stage(dedupe);
    commits.stage(outbox);
    timers = new EmbeddedTimers(mv);
  }

  @Override
  public InboxJournal journal() {
    return journal;
  }

  @Override
  public DedupeWindow dedupe() {
    return dedupe;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public TimerStore timers() {
    return timers;
  }

  @Override
  public KeyedState state(String namespace) {
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("a state namespace must not be blank");
    }
    return states.computeIfAbsent(namespace, n -> new EmbeddedState(mv.openMap("state." + n), commits, clock));
  }

  @Override
  public String describe() {
    return "file:" + dir + " (H2 MVStore " + FILE_NAME + ", fsync=" + fsync + ")";
  }

  /** The MVStore itself (tests: to look at what its maps hold, as a commit would take them). */
  MVStore mv() {
    return mv;
  }

  /** Commits asked for so far (each waited for by someone): for tests counting forced commits per message. */
  long flushRequests() {
    return commits.requests();
  }

  private void housekeeping() {
    dedupe.sweep();
    states.values().forEach(EmbeddedState::sweep);
    outbox.sweep();
    // Without MVStore's background thread nothing rewrites half-empty chunks: do it here, a slice
    // at a time, so the file stays near the size of what is live.
    mv.compact(COMPACT_FILL_RATE, COMPACT_SLICE_BYTES);
  }

  @Override
  public void close() {
    commits.close(); // its last commit holds everything written and staged before close() began
    if (!mv.isClosed()) {
      // Not mv.close(), which would commit once more: whatever a handler still running past the stop
      // deadline wrote since would be saved without what it staged (a journal entry finished after
      // its reply's record failed). Dropped instead, the entry is replayed at the next start.
      mv.closeImmediately();
    }
  }
}
