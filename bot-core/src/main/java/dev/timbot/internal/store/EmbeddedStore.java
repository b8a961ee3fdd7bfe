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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code store.url: file:DIR} — the embedded store: one H2 MVStore file ({@code DIR/timbot.mv.db})
 * with a map per port, and a write-ahead log ({@link RedoLog}, {@code DIR/redo/}) that makes every
 * change durable with group commit ({@link GroupCommit}); MVStore writes its maps to its file at a
 * checkpoint about once a second, and at open the log's later changes are applied again. Before
 * issue 15's log, every group commit was an MVStore commit, whose fixed cost (a new chunk and its
 * metadata, ≈ 80 µs of the commit thread) was paid about once per message at moderate rates
 * (BENCHMARKS §8r, §8t). H2 MVStore was chosen by
 * measurement among H2, SQLite and RocksDB (BENCHMARKS.md, "Durable store"): all three sustain
 * tens of thousands of fsync'd appends per second with group commit; MVStore is pure Java (no
 * native library per platform) and its maps make the dedupe claim an in-memory compare-and-set.
 *
 * <p>One process at a time: MVStore locks the file, and a second bot on the same directory fails
 * to start with a message saying so.
 *
 * <p>{@code file:DIR?fsync=everysec} forces the log to disk once a second instead of at every
 * commit ({@link Fsync}): acknowledgements no longer wait for the disk; a power cut may lose the
 * last second (RELIABILITY.md "Power cuts").
 */
public final class EmbeddedStore implements Store {
  static final String FILE_NAME = "timbot.mv.db";
  /** The write-ahead log's directory under the store's ({@link RedoLog}). */
  static final String REDO_DIR = "redo";
  /** In {@code meta}: the first log segment the last checkpoint does not hold. */
  private static final String REDO_FROM = "redo.from";
  /**
   * Set by every checkpoint of this version: the log's segments end in trailers, so replay stops at
   * the first segment without one ({@link RedoLog}). Absent, the log (one of an older version) is read
   * as it was written, each segment to its first torn record; the open's checkpoint then sets it.
   */
  private static final String REDO_TRAILERS = "redo.trailers";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);
  /** How often MVStore's maps are written to its file (the log holds every change in between). */
  private static final long CHECKPOINT_MILLIS = 1000;
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
   * Pages are split past this many bytes (MVStore's default is 16 KB). Every checkpoint rewrites the
   * right-most leaf of the journal (appended at the end, finished soon after) and the path above it
   * (the outbox's too when it was measured; now its records mostly never reach its tree,
   * WriteBehindMap); smaller pages wrote about a third fewer bytes per message for the same
   * commit-thread CPU (BENCHMARKS §8j).
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
  /** The store's markers (unlogged: the checkpoint's own), e.g. {@link #REDO_FROM}. */
  private final MVMap<String, Long> meta;
  /** MVStore's file, forcing the log before each write to it (LogFirstFileStore). */
  private final LogFirstFileStore files;
  private final RedoLog redo;
  /** Its failure stops the store at the next commit (null only while the constructor runs). */
  private final Checkpointer checkpoints;
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
    this(dir, clock, fsync, wrap, RedoLog.Disk.PLATFORM, CHECKPOINT_MILLIS);
  }

  /** On a model of a disk, checkpointing every {@code checkpointMillis} (tests: power cuts, PowerCutDisk). */
  EmbeddedStore(Path dir, BotClock clock, Fsync fsync, UnaryOperator<GroupCommit.Durable> wrap, RedoLog.Disk disk,
      long checkpointMillis) {
    this.dir = dir.toAbsolutePath().normalize();
    this.clock = clock;
    this.fsync = fsync;
    if (fsync == Fsync.EVERYSEC) {
      // Said at every start, not only in the docs: the operator chose this mode for its speed and may not know its price.
      log.info("store {}: fsync=everysec — a power cut may lose the last second of acknowledged callbacks "
          + "(the default fsync=always loses none)", this.dir);
    }
    try {
      Files.createDirectories(this.dir);
    } catch (IOException e) {
      throw new UncheckedIOException("store.url: cannot create directory " + this.dir + ": " + e.getMessage(), e);
    }
    setAsideUnfinished(this.dir.resolve(FILE_NAME));
    try {
      // Nothing commits but the checkpoint: no background thread, and no commit on a writer's thread
      // when unsaved changes pass a size (MVStore's default) — such a commit could hold a write
      // without what was staged before it (GroupCommit, "Staged writes").
      files = new LogFirstFileStore(CACHE_MB);
      try {
        files.open(disk.mvStoreFileName(this.dir.resolve(FILE_NAME)), false, null);
        mv = new MVStore.Builder().adoptFileStore(files).autoCommitDisabled().autoCommitBufferSize(0)
            .pageSplitSize(PAGE_SPLIT_BYTES).open();
      } catch (RuntimeException e) {
        try {
          files.close(); // not left locked in this process
        } catch (RuntimeException closing) {
          e.addSuppressed(closing); // it never opened: the first failure is the one to report
        }
        throw e;
      }
      // Old chunks may be overwritten once nothing live is in them. MVStore waits 45 s by default
      // in case the OS has not flushed yet; every checkpoint is forced to disk before the next one
      // is written, so 1 s is safe, and it keeps the file near the size of what is live.
      mv.setRetentionTime(1000);
    } catch (MVStoreException e) {
      throw new IllegalStateException("store.url: cannot open " + this.dir.resolve(FILE_NAME)
          + " (is another bot using this directory?): " + e.getMessage(), e);
    }
    meta = mv.openMap(EmbeddedJournal.META);
    Path redoDir = this.dir.resolve(REDO_DIR);
    try {
      RedoReplay.Replayed replayed = RedoReplay.replay(redoDir, meta.getOrDefault(REDO_FROM, 0L),
          meta.containsKey(REDO_TRAILERS), body -> redoInto(mv, body));
      if (replayed.applied() > 0) {
        log.info("store {}: {} changes since the last checkpoint applied from its log", this.dir, replayed.applied());
      }
      if (replayed.tornSegment() != 0) {
        // What follows a hole was never forced before it (under fsync=everysec a power cut can keep it): dropped.
        log.warn("store {}: its log ends early, at a hole in segment {} (a power cut before the log was forced); "
            + "the changes after it are dropped", this.dir, replayed.tornSegment());
      }
      // Before the first checkpoint, so it holds every move of an earlier layout whole.
      TypedMaps.moveGeneric(mv);
    } catch (RuntimeException e) {
      mv.closeImmediately(); // not left locked in this process
      throw e;
    }
    redo = RedoLog.open(redoDir, disk, true);
    files.forceFirst(redo);
    // Before the commit thread starts: its housekeeping sweeps the window, which reads the whole claim log at open.
    dedupe = EmbeddedDedupe.open(mv, redo, clock);
    // What was replayed and moved, in MVStore's file, and every old segment deleted — those after a hole too —
    // before anything is written: the next replay must not stop at the hole and miss this run's. Every open
    // checkpoints (a stop leaves its log for the next start, and a new store has no marker yet), so no condition.
    writeCheckpoint(redo.rotate());
    commits = new GroupCommit(wrap.apply(new GroupCommit.Durable() {
      @Override
      public void commit() {
        RuntimeException failed = checkpoints == null ? null : checkpoints.failure();
        if (failed != null) {
          // Fail-stop (GroupCommit): after a failed write or fsync of MVStore's file, the next checkpoint
          // could overwrite chunks the last good one needs, and the log could not be trimmed.
          throw new IllegalStateException("the store's checkpoint failed: " + failed.getMessage(), failed);
        }
        redo.write();
      }

      @Override
      public void sync() {
        redo.force();
      }

      @Override
      public boolean hasUnsavedChanges() {
        return redo.hasPending();
      }

      @Override
      public void halt() {
        redo.close();
        mv.closeImmediately();
      }
    }), LAZY_COMMIT_MILLIS, fsync == Fsync.ALWAYS ? 0 : Fsync.EVERYSEC_MILLIS, this::housekeeping, "timbot-store-commit");
    journal = new EmbeddedJournal(mv, redo, commits, clock);
    outbox = new EmbeddedOutbox(mv, redo, commits, clock);
    // What handling a journal entry writes is put into the maps by the commit thread, so it is never
    // durable before the entry (GroupCommit, "Staged writes"): the entry may be handled before its commit.
    commits.stage(dedupe);
    commits.stage(outbox);
    timers = new EmbeddedTimers(mv, redo);
    checkpoints = new Checkpointer(this::checkpoint, checkpointMillis, "timbot-store-checkpoint");
  }

  /**
   * MVStore's file as a power cut during a new store's first open may leave it: shorter than the two
   * 4-KiB header blocks MVStore writes first, it does not open ("File corrupted"), and every later start
   * would fail. A file that short never held a forced checkpoint — the first open's checkpoint forces
   * more than that before anything is acknowledged, and a forced length does not shrink — so nothing
   * acknowledged is in it or depends on it: it is renamed aside (kept, not deleted) and the store starts
   * afresh, replaying whatever its log holds (review22).
   */
  private static void setAsideUnfinished(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return; // a new store: MVStore creates the file
      }
      long size = Files.size(file);
      if (size < MV_HEADER_BYTES) {
        Path aside = file.resolveSibling(FILE_NAME + ".unfinished-" + System.currentTimeMillis());
        Files.move(file, aside);
        log.warn("store {}: {} is {} bytes, shorter than MVStore's header: a first open cut short, before "
            + "anything was acknowledged; kept as {} and the store created afresh", file.getParent(), FILE_NAME,
            size, aside.getFileName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("store.url: cannot set aside the unfinished " + file + ": " + e.getMessage(), e);
    }
  }

  /** MVStore's two header blocks, written when it creates its file. */
  private static final int MV_HEADER_BYTES = 2 * 4096;

  /** Puts one change of the log back into its map (at open, before anything else reads the maps). */
  private static void redoInto(MVStore mv, ByteBuffer body) {
    RedoRecord r = RedoRecord.decode(body);
    MVMap<Object, Object> map = TypedMaps.open(mv, r.map());
    if (r.put()) {
      map.put(r.key(), r.value());
    } else {
      map.remove(r.key());
    }
  }

  /**
   * Writes MVStore's maps to its file and forces it, then deletes the log segments it makes
   * redundant; on the checkpoint thread, beside the commit thread. The commit thread first switches
   * the log to a new segment between two commits: every change in an older segment is in its map
   * before this commit begins — a plain write is put into its map before it is logged, a staged one
   * in the commit that logged it ({@link LoggedMap}), a held one right after the switch ({@link
   * WriteBehindMap}) — so this commit holds it. Changes made while it
   * runs are in the new segment, replayed on top of it after a crash. Replaying a key's older
   * logged value over a newer one the checkpoint holds can only undo what was never acknowledged
   * (the newer value's record was not forced), and everything that depends on a write — a finish
   * on its reply's record, a record on its entry, a send on its {@code MsgSeq} — waits until that
   * write is forced. A staged write the checkpoint may hold was logged and written after everything
   * written before it, and the log is forced before MVStore writes a byte of the chunk
   * ({@link LogFirstFileStore}), so it is never held without what it depends on, under fsync=everysec too.
   */
  synchronized void checkpoint() { // the checkpoint thread's, and a test's now and then: one at a time
    if (!changedSinceCheckpoint()) {
      return; // an idle bot writes nothing
    }
    redo.prepareNext(); // creating a file and forcing its directory: not on the commit thread
    checkpoints.await(commits.beforeNextCommit(() -> {
      redo.switchToPrepared();
      outbox.settle(); // what it holds beside its maps, the older segments' changes among them
    }));
    redo.closeRetired();
    // Without MVStore's background thread nothing rewrites half-empty chunks: do it here, a slice
    // at a time, so the file stays near the size of what is live.
    mv.compact(COMPACT_FILL_RATE, COMPACT_SLICE_BYTES);
    writeCheckpoint(redo.segment());
  }

  /** Whether anything was logged or changed in MVStore since the last checkpoint (compaction changes pages too). */
  private boolean changedSinceCheckpoint() {
    return redo.appendedSinceSwitch() || mv.hasUnsavedChanges();
  }

  /** Commits and forces MVStore's maps as holding every change of the log segments below {@code from}, then deletes those. */
  private void writeCheckpoint(long from) {
    meta.put(REDO_FROM, from);
    meta.put(REDO_TRAILERS, 1L);
    mv.commit(); // forces the log before its first write (LogFirstFileStore): the chunk never outlives what it rests on
    redo.force(); // and again before MVStore's sync, should MVStore have had nothing to write
    mv.sync(); // before the segments go, and before the next checkpoint may overwrite chunks this one replaced
    redo.deleteBefore(from);
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
    return states.computeIfAbsent(namespace, n -> new EmbeddedState(LoggedMap.open(mv, redo, "state." + n), commits, clock));
  }

  @Override
  public String describe() {
    return "file:" + dir + " (H2 MVStore " + FILE_NAME + " and its log " + REDO_DIR + "/, fsync=" + fsync + ")";
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
  }

  @Override
  public void close() {
    checkpoints.close(); // first: it waits for the commit thread to switch segments
    commits.close(); // its last commit holds everything written and staged before close() began
    if (!mv.isClosed()) {
      // Not mv.close() nor a checkpoint, which would commit once more: whatever a handler still running
      // past the stop deadline wrote since would be saved without what it staged (a journal entry
      // finished after its reply's record failed). Dropped instead, the entry is replayed at the next
      // start, from the log the last commit forced.
      redo.close();
      mv.closeImmediately();
    }
  }
}
