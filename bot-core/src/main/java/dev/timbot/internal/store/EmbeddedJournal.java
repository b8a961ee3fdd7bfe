package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.InboxJournal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;

/**
 * The journal as an ordered map id → (append time, payload). Ids come from a counter kept in the
 * store (reserved a block at a time), so they never repeat across restarts (a dedupe claim names
 * its journal entry).
 */
final class EmbeddedJournal implements InboxJournal, ConsecutiveIds, EarlyHandOn {
  private static final String NEXT_ID = "journal.nextId";
  /** The map of the store's counters and markers. */
  static final String META = "meta";
  /**
   * Ids are reserved in the store this many at a time, so an append writes the counter once per
   * block rather than every time (one map fewer per commit); a restart skips the rest of a block.
   */
  static final long ID_BLOCK = 4096;

  private final LoggedMap<Long, byte[]> entries;
  private final LoggedMap<String, Long> meta;
  private final GroupCommit commits;
  private final BotClock clock;
  private final AtomicLong lastId;
  /** Ids up to this one are reserved in the store (under this object's lock). */
  private long reservedUpTo;
  /** Entries up to this id are durable; later ones are written but not yet committed. */
  private final AtomicLong durableUpTo;

  EmbeddedJournal(MVStore mv, RedoLog redo, GroupCommit commits, BotClock clock) {
    this.entries = LoggedMap.open(mv, redo, TypedMaps.JOURNAL);
    this.meta = LoggedMap.open(mv, redo, META);
    this.commits = commits;
    this.clock = clock;
    Long last = entries.lastKey();
    long stored = meta.getOrDefault(NEXT_ID, 0L);
    this.lastId = new AtomicLong(Math.max(stored, last == null ? 0 : last));
    this.reservedUpTo = lastId.get();
    this.durableUpTo = new AtomicLong(lastId.get()); // what is in the file at open is durable
  }

  /**
   * How long the commit of an entry handed on early may wait for its reply's record
   * ({@link GroupCommit}, "Lingering"): an echo handler stages it within a fraction of a millisecond
   * of being handed the callback, and the pair then takes one fsync instead of two in series. The
   * acknowledgement waits at most this much longer (the service gives up after 2 s).
   */
  static final long HAND_ON_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  @Override
  public CompletableFuture<Long> append(String partition, byte[] payload) {
    return write(partition, payload, 0).durable(); // nothing of this process handles it before its commit
  }

  @Override
  public Written write(String partition, byte[] payload) {
    return write(partition, payload, HAND_ON_LINGER_NANOS);
  }

  private Written write(String partition, byte[] payload, long lingerNanos) {
    long id;
    // Built before taking the lock: under load every receiver thread queues on it (JFR, issue 15).
    byte[] value = ByteBuffer.allocate(8 + payload.length).putLong(clock.now().toEpochMilli()).put(payload).array();
    synchronized (this) {
      // Ids are put in the order they are handed out: a commit never holds an entry without the earlier ones.
      id = lastId.incrementAndGet();
      if (id > reservedUpTo) {
        reservedUpTo = id + ID_BLOCK - 1;
        meta.put(NEXT_ID, reservedUpTo); // in the same commit as this entry: no id is handed out twice
      }
      entries.put(id, value);
    }
    // One process holds every partition, so the partition does not change where an entry goes.
    return new Written(id, commits.flushWithin(lingerNanos).thenApply(v -> {
      durableUpTo.accumulateAndGet(id, Math::max);
      return id;
    }));
  }

  @Override
  public void finish(long id) {
    entries.remove(id);
    if (id > durableUpTo.get()) {
      // Handled before its commit and nothing to record (no reply): its acknowledgement need not linger.
      commits.hurry();
    }
  }

  @Override
  public List<Entry> unfinished(long afterId, int limit) {
    List<Entry> out = new ArrayList<>(Math.min(limit, 1024));
    long durable = durableUpTo.get();
    Cursor<Long, byte[]> c = entries.cursor(afterId + 1);
    while (out.size() < limit && c.hasNext()) {
      long id = c.next();
      if (id > durable) {
        break;
      }
      byte[] v = c.getValue();
      ByteBuffer b = ByteBuffer.wrap(v);
      Instant at = Instant.ofEpochMilli(b.getLong());
      byte[] payload = new byte[v.length - 8];
      b.get(payload);
      out.add(new Entry(id, payload, at));
    }
    return out;
  }

  @Override
  public long backlog() {
    return entries.sizeAsLong();
  }
}
