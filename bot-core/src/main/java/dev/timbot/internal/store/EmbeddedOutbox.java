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
  private final LoggedMap<String, byte[]> entries;
  /**
   * Records until the commit thread puts them into {@link #entries} ({@link GroupCommit}, "Staged
   * writes"): a reply is recorded while its callback's journal entry may not be durable yet, and
   * its record must never be durable without that entry — else a restart would send it, and the
   * redelivered callback would be answered a second time under new ids. Read before the map.
   */
  private final Map<String, byte[]> staged = new ConcurrentHashMap<>();
  /** Records logged and not yet in {@link #entries} (the commit thread puts them in once the log holds them). */
  private final Map<String, byte[]> inFlight = new ConcurrentHashMap<>();
  /**
   * Entries forgotten and still in the map, read as gone: FALSE until the commit thread logs their
   * removal, TRUE until it has taken them out of the map ({@link #forget}).
   */
  private final Map<String, Boolean> forgotten = new ConcurrentHashMap<>();
  /** Removals logged and not yet applied; the commit thread's own. */
  private final List<String> removing = new ArrayList<>();
  private final LoggedMap<String, Long> seqs;
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
    this.entries = LoggedMap.open(mv, redo, TypedMaps.OUTBOX);
    this.seqs = LoggedMap.open(mv, redo, TypedMaps.MSG_SEQ);
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
      if (forgotten.containsKey(entry.id())) {
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

  @Override
  public void log() {
    synchronized (staged) {
      // Put before removed, here and in apply(), so a reader finds a record in one place or another throughout.
      staged.forEach((id, v) -> {
        if (entries.get(id) == null) {
          entries.stageInLog(id, v);
          inFlight.put(id, v);
        }
      });
      staged.clear();
      for (Map.Entry<String, Boolean> f : forgotten.entrySet()) {
        if (!f.getValue()) {
          entries.stageRemovalInLog(f.getKey());
          removing.add(f.getKey());
          f.setValue(Boolean.TRUE);
        }
      }
    }
  }

  @Override
  public void apply() {
    // If absent: a done mark or an update made since it was logged is newer, and the log has it after the record.
    inFlight.forEach(entries::putIfAbsentAlreadyLogged);
    inFlight.clear();
    for (String id : removing) {
      entries.removeAlreadyLogged(id);
      forgotten.remove(id);
    }
    removing.clear();
  }

  /** The stored form of {@code id}: staged, logged on its way to the map, or in the map. */
  private byte[] raw(String id) {
    if (forgotten.containsKey(id)) {
      return null;
    }
    byte[] v = staged.get(id);
    if (v == null) {
      v = inFlight.get(id);
    }
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
    entries.put(id, OutboxCodec.done(v));
    forgetLater(id, Expiry.deadline(clock, keep));
  }

  /**
   * Removes the entry, as a staged write: the commit thread logs the removal and takes the entry out
   * of the map only once the log holds it ({@link #log}, {@link #apply}), and it reads as gone
   * meanwhile. A plain removal would be in the map at once, and a checkpoint reads one map after
   * another: it could hold this removal and not the finish of the journal entry that made the send
   * (read before it), whose log record was not yet written — after a crash the handler would run
   * again, find no record, and send a second time. Staged, the removal is logged after the finish
   * (which happened before this call) and reaches the map after that write, and the log is forced
   * before a checkpoint writes its chunk ({@link LogFirstFileStore}), so a checkpoint holding it holds
   * the finish too. The outbox map then holds only the sends in play rather than an hour of done
   * ones, and writes no forget time (BENCHMARKS §8aa).
   */
  @Override
  public void forget(String id, Duration keep) {
    synchronized (staged) {
      // A record still staged or in flight is logged and applied before its removal (log, apply): gone either way.
      forgotten.put(id, Boolean.FALSE);
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
    // Read in the order a record moves (staged, in flight, the map; put before removed): it is in one of them.
    Map<String, byte[]> pending = new HashMap<>(staged);
    inFlight.forEach(pending::putIfAbsent);
    for (byte[] v : pending.values()) {
      Entry e = OutboxCodec.decode(v);
      if (e.state() == state) {
        out.add(e);
      }
    }
    // Taken before the map is read: the commit thread takes an id out of the map before it drops it from here.
    Set<String> gone = Set.copyOf(forgotten.keySet());
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
      entries.remove(new String(c.getValue(), StandardCharsets.UTF_8));
    }
    gone.forEach(forgetAt::remove);
  }
}
