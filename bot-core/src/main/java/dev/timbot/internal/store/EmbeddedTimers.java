package dev.timbot.internal.store;

import dev.timbot.spi.Store.TimerStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * Timers in the embedded store: {@code timers} maps a key to its timer, {@code timers.due} is the
 * index ordered by when each is next due ({@link #slot}: 16 hex digits of epoch milliseconds, then
 * the key), so a poll reads from the start of the index and stops at the first timer not due.
 * Written like every other port: changes reach the disk with the next group commit (≤ 100 ms).
 */
final class EmbeddedTimers implements TimerStore {
  private static final String CLAIMS = "claims";

  private final LoggedMap<String, byte[]> timers;
  private final LoggedMap<String, Boolean> byDue;
  private final LoggedMap<String, Long> counters;

  EmbeddedTimers(MVStore mv, RedoLog redo) {
    this.timers = LoggedMap.open(mv, redo, "timers");
    this.byDue = LoggedMap.open(mv, redo, "timers.due");
    this.counters = LoggedMap.open(mv, redo, "timers.seq");
  }

  /** One timer: due time, next due (the lease's end once claimed), claim (0 = not handed out), payload. */
  private record Armed(long at, long nextDue, long claim, byte[] payload) {
    byte[] encode() {
      return ByteBuffer.allocate(24 + payload.length).putLong(at).putLong(nextDue).putLong(claim).put(payload).array();
    }

    static Armed decode(byte[] v) {
      ByteBuffer b = ByteBuffer.wrap(v);
      long at = b.getLong();
      long next = b.getLong();
      long claim = b.getLong();
      byte[] payload = new byte[b.remaining()];
      b.get(payload);
      return new Armed(at, next, claim, payload);
    }
  }

  static String slot(long nextDue, String key) {
    return String.format("%016x", nextDue) + key;
  }

  @Override
  public synchronized void schedule(String key, Instant at, byte[] payload) {
    TimerKeys.check(key, at, payload);
    remove(key);
    put(key, new Armed(at.toEpochMilli(), at.toEpochMilli(), 0, payload));
  }

  @Override
  public synchronized boolean cancel(String key) {
    return remove(key);
  }

  @Override
  public synchronized List<Due> claimDue(Instant now, Duration lease, int limit) {
    long nowMs = now.toEpochMilli();
    List<String> due = new ArrayList<>();
    Iterator<String> it = byDue.keyIterator(null);
    while (it.hasNext() && due.size() < limit) {
      String s = it.next();
      if (Long.parseUnsignedLong(s.substring(0, 16), 16) > nowMs) {
        break;
      }
      due.add(s);
    }
    if (due.isEmpty()) {
      return List.of(); // an idle poll writes nothing
    }
    List<Due> out = new ArrayList<>(due.size());
    long claim = counters.getOrDefault(CLAIMS, 0L);
    for (String s : due) {
      String key = s.substring(16);
      byDue.remove(s);
      byte[] v = timers.get(key);
      if (v == null) {
        continue; // an index entry without its timer: nothing to run
      }
      Armed t = Armed.decode(v);
      Armed held = new Armed(t.at, nowMs + lease.toMillis(), ++claim, t.payload);
      put(key, held);
      out.add(new Due(key, Instant.ofEpochMilli(t.at), t.payload.clone(), held.claim));
    }
    counters.put(CLAIMS, claim);
    return out;
  }

  @Override
  public synchronized void done(String key, long claim) {
    byte[] v = timers.get(key);
    if (v != null && Armed.decode(v).claim == claim) {
      remove(key);
    }
  }

  private void put(String key, Armed t) {
    timers.put(key, t.encode());
    byDue.put(slot(t.nextDue, key), Boolean.TRUE);
  }

  private boolean remove(String key) {
    byte[] v = timers.remove(key);
    if (v == null) {
      return false;
    }
    byDue.remove(slot(Armed.decode(v).nextDue, key));
    return true;
  }
}
