package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Outbox entries by id, the per-conversation {@code MsgSeq} counters, and when to forget done
 * entries. The outbox holds what is not yet confirmed plus the confirmed sends a handler run again
 * could still make ({@link #forget} drops the others at once), so listing by state scans a small map.
 */
final class EmbeddedOutbox implements OutboxStore, GroupCommit.Staged {
  /** Held beside the tree until the next checkpoint (WriteBehindMap): most records are gone again by then. */
  private final WriteBehindMap<String, byte[]> entries;
  /**
   * Records until the commit thread puts them into {@link #entries} ({@link GroupCommit}, "Staged
   * writes"): a reply is recorded while its callback's journal entry may not be durable yet, and
   * its record must never be durable without that entry — else a restart would send it, and the
   * redelivered callback would be answered a second time under new ids. Read before the map.
   */
  private final Map<String, byte[]> staged = new ConcurrentHashMap<>();
  /** Entries forgotten and not yet taken out of {@link #entries} by the commit thread, read as gone ({@link #forget}). */
  private final Set<String> forgotten = ConcurrentHashMap.newKeySet();
  private final WriteBehindMap<String, Long> seqs;
  /**
   * When to forget done entries: (deadline in ms &lt;&lt; 20 | a counter) → id. Deadlines are now +
   * the keep time, so writes land at the end of the map and the sweep reads only its start.
   */
  private final LoggedMap<Long, byte[]> forgetAt;
  /** Tells apart forget times of the same millisecond; atomic, so marking done takes no lock (nextSeq's). */
  private final AtomicLong forgetCounter = new AtomicLong();
  private final GroupCommit commits;
  private final BotClock clock;

  EmbeddedOutbox(MVStore mv, RedoLog redo, GroupCommit commits, BotClock clock) {
    this.entries = WriteBehindMap.open(mv, redo, TypedMaps.OUTBOX);
    this.seqs = WriteBehindMap.open(mv, redo, TypedMaps.MSG_SEQ);
    this.forgetAt = LoggedMap.open(mv, redo, TypedMaps.FORGET_AT);
    if (mv.hasMap("outbox.forget")) {
      // Written by an earlier version: id → deadline, swept by reading it all every second.
      MVMap<String, Long> old = mv.openMap("outbox.forget");
      old.forEach((id, deadline) -> forgetLater(id, deadline));
      mv.removeMap(old);
    }
    this.commits = commits;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Entry> record(Entry entry) {
    byte[] earlier;
    synchronized (staged) {
      if (forgotten.contains(entry.id())) {
        // Its removal may be logged after this record would be: a forgotten id is never made again (OutboxStore#forget).
        return CompletableFuture.failedFuture(new IllegalStateException("send " + entry.id()
            + " is recorded again after it was forgotten"));
      }
      earlier = raw(entry.id());
      if (earlier == null) {
        staged.put(entry.id(), OutboxCodec.encode(entry));
      }
    }
    Entry stored = earlier == null ? entry : OutboxCodec.decode(earlier);
    return commits.flush().thenApply(v -> stored);
  }

  /**
   * Puts what is staged into {@link #entries} and takes out what was forgotten, both logged, before
   * the commit's write: held beside the tree until the next checkpoint, they reach it only once the
   * log holds them ({@link WriteBehindMap}), so nothing is left for {@link #apply}.
   */
  @Override
  public void log() {
    synchronized (staged) {
      // Put before removed, so a reader finds a record in one place or the other throughout.
      staged.forEach(entries::putIfAbsent); // if absent: a record logged earlier under that id is kept, as record() had it
      staged.clear();
      forgotten.forEach(entries::remove);
      forgotten.clear();
    }
  }

  /** Puts the held changes into the tree: on the commit thread, once the log switched segments for a checkpoint. */
  void settle() {
    entries.settle();
    seqs.settle();
  }

  /** The stored form of {@code id}: staged, or in the map. */
  private byte[] raw(String id) {
    if (forgotten.contains(id)) {
      return null;
    }
    byte[] v = staged.get(id);
    return v != null ? v : entries.get(id);
  }

  @Override
  public CompletableFuture<Void> update(Entry entry) {
    // After its record's commit (a retry, a replayed dead letter): the record is in the map, nothing staged waits;
    // never after it was forgotten (only a confirmed send is, and nothing retries it).
    entries.put(entry.id(), OutboxCodec.encode(entry));
    return commits.flush();
  }

  @Override
  public void done(String id, Duration keep) {
    byte[] v = raw(id);
    if (v == null) {
      return;
    }
    // Into the tree at once, before its forget time (a plain write): held, a checkpoint could hold the
    // forget time beside the record without its done mark (review37).
    entries.putThrough(id, OutboxCodec.done(v));
    forgetLater(id, Expiry.deadline(clock, keep));
  }

  /**
   * Removes the entry, as a staged write: the commit thread logs the removal before its next write
   * ({@link #log}), and the entry reads as gone meanwhile. Like every held change of the outbox, the
   * removal reaches the tree only right after a checkpoint's switch of log segments ({@link
   * WriteBehindMap}), so a checkpoint holding it holds the finish of the journal entry that made the
   * send, which was in the journal's map before this call. Written through, the removal could be in
   * the tree at once, and a checkpoint reads one map after another: it could hold the removal and not
   * that finish (read before it) — after a crash the handler would run again, find no record, and
   * send a second time (review36a). Staging keeps the removal behind the finish in the log as well.
   * The outbox then holds only the sends in play rather than an hour of done ones, and writes no
   * forget time (BENCHMARKS §8aa).
   */
  @Override
  public void forget(String id, Duration keep) {
    synchronized (staged) {
      // A record still staged is logged before its removal (log()): gone either way.
      forgotten.add(id);
    }
  }

  private void forgetLater(String id, long deadline) {
    long at = Math.min(deadline, MAX_DEADLINE);
    byte[] value = id.getBytes(StandardCharsets.UTF_8);
    // The counter starts at 0 in every process: a key written before a restart may be taken, and
    // overwriting it would leave that entry in the store for good.
    while (forgetAt.putIfAbsent((at << COUNTER_BITS) | (forgetCounter.getAndIncrement() & COUNTER_MASK), value) != null) {
      // taken: try the next counter value
    }
  }

  private static final int COUNTER_BITS = 20;
  private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
  private static final long MAX_DEADLINE = Long.MAX_VALUE >>> COUNTER_BITS;

  @Override
  public Optional<Entry> get(String id) {
    byte[] v = raw(id);
    return v == null ? Optional.empty() : Optional.of(OutboxCodec.decode(v));
  }

  @Override
  public List<Entry> list(State state, int limit) {
    List<Entry> out = new ArrayList<>();
    // Read in the order a record moves (staged, then the map; put before removed): it is in one of them.
    Map<String, byte[]> pending = new HashMap<>(staged);
    for (byte[] v : pending.values()) {
      Entry e = OutboxCodec.decode(v);
      if (e.state() == state) {
        out.add(e);
      }
    }
    // Taken before the map is read: the commit thread takes an id out of the map before it drops it from here.
    Set<String> gone = Set.copyOf(forgotten);
    for (byte[] v : entries.values()) {
      Entry e = OutboxCodec.decode(v);
      if (e.state() == state && !pending.containsKey(e.id()) && !gone.contains(e.id())) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparing(Entry::createdAt).thenComparing(Entry::msgSeq));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  @Override
  public synchronized long nextSeq(String conversationId) {
    long next = seqs.getOrDefault(conversationId, 0L) + 1;
    seqs.put(conversationId, next);
    return next;
  }

  void sweep() {
    long now = clock.now().toEpochMilli();
    List<Long> gone = new ArrayList<>();
    Cursor<Long, byte[]> c = forgetAt.cursor(null);
    while (c.hasNext() && (c.next() >>> COUNTER_BITS) <= now) {
      gone.add(c.getKey());
      // Out of the tree at once, before its forget time is: held, a checkpoint could keep the done record
      // and drop the time that would sweep it, for good (review37).
      entries.removeThrough(new String(c.getValue(), StandardCharsets.UTF_8));
    }
    gone.forEach(forgetAt::remove);
  }
}
