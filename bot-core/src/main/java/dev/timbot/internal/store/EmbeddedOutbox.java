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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Outbox entries by id, the per-conversation {@code MsgSeq} counters, and when to forget done
 * entries. The outbox holds what is not yet confirmed plus recently confirmed sends, so listing by
 * state scans a small map.
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
   * Records in {@link #entries} and not yet marked done nor updated: what {@link #done} reads, kept here so
   * it does not read the map, whose pages a checkpoint may have written out (a map read per reply, ≈ 2% of
   * the bot's CPU at saturation, BENCHMARKS §8w). At most {@link #APPLIED_MAX}: a send that never ends (a
   * dead letter) would otherwise stay.
   */
  private final Map<String, byte[]> applied = new ConcurrentHashMap<>();
  private static final int APPLIED_MAX = 4096;
  /**
   * The id this thread last found in no place ({@link #get}), with {@link #applies} as it was before that look:
   * {@link #record} of the same id right after (how a send is made: look for an earlier record, then record)
   * need not read the map again when no apply began since — a record enters the map only through apply ({@link
   * #update} moves the counter too, {@link #done} rewrites records already there), and what is staged or logged is
   * still read, under {@link #staged}'s lock, before the counter is compared.
   */
  private final ThreadLocal<Miss> lastMiss = new ThreadLocal<>();
  /** Odd while {@link #apply} puts records into the map: a miss counts only if read at one even value throughout. */
  private final AtomicLong applies = new AtomicLong();

  private record Miss(String id, long applies) {}
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
    Miss miss = lastMiss.get();
    lastMiss.remove();
    synchronized (staged) {
      earlier = pendingRecord(entry.id());
      // Checked after the staged and logged records were read: an apply that moved this id into the map before
      // that read has moved the counter by now (review32).
      boolean absentFromMap = miss != null && miss.id().equals(entry.id()) && miss.applies() == applies.get();
      if (earlier == null && !absentFromMap) {
        earlier = raw(entry.id());
      }
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
    }
  }

  @Override
  public void apply() {
    applies.incrementAndGet(); // odd: records are entering the map (record's skipped read)
    // If absent: a done mark or an update made since it was logged is newer, and the log has it after the record.
    inFlight.forEach((id, v) -> {
      synchronized (applied) { // not kept if a done mark or an update overtook the record
        if (entries.putIfAbsentAlreadyLogged(id, v) == null && applied.size() < APPLIED_MAX) {
          applied.put(id, v);
        }
      }
    });
    inFlight.clear();
    applies.incrementAndGet();
  }

  /** The stored form of {@code id}: staged, logged on its way to the map, or in the map. */
  private byte[] raw(String id) {
    byte[] v = pendingRecord(id);
    if (v == null) {
      v = applied.get(id);
    }
    return v != null ? v : entries.get(id);
  }

  /** The record of {@code id} if it is staged or logged on its way to the map. */
  private byte[] pendingRecord(String id) {
    byte[] v = staged.get(id);
    return v != null ? v : inFlight.get(id);
  }

  @Override
  public CompletableFuture<Void> update(Entry entry) {
    // After its record's commit (a retry, a replayed dead letter): the record is in the map, nothing staged waits.
    byte[] v = OutboxCodec.encode(entry);
    applies.addAndGet(2); // it may put an id no record put (a misuse, but a miss of it must not be trusted)
    synchronized (applied) {
      entries.put(entry.id(), v);
      applied.remove(entry.id());
    }
    return commits.flush();
  }

  @Override
  public void done(String id, Duration keep) {
    byte[] v = raw(id);
    if (v == null) {
      return;
    }
    synchronized (applied) {
      entries.put(id, OutboxCodec.done(v));
      applied.remove(id);
    }
    forgetLater(id, Expiry.deadline(clock, keep));
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
    long before = applies.get(); // read before the map: an apply under way or begun since makes the miss void
    byte[] v = raw(id);
    if (v == null) {
      if ((before & 1) == 0) {
        lastMiss.set(new Miss(id, before));
      }
      return Optional.empty();
    }
    return Optional.of(OutboxCodec.decode(v));
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
    for (byte[] v : entries.values()) {
      Entry e = OutboxCodec.decode(v);
      if (e.state() == state && !pending.containsKey(e.id())) {
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
      String id = new String(c.getValue(), StandardCharsets.UTF_8);
      synchronized (applied) {
        entries.remove(id);
        applied.remove(id);
      }
    }
    gone.forEach(forgetAt::remove);
  }
}
