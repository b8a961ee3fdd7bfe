package dev.timbot.internal.store;

import dev.timbot.spi.Store.TimerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The timers of {@code memory:}: a map by key plus an index ordered by when each timer is next
 * due (its due time, or the end of its lease once claimed), so a poll reads only what is due.
 */
final class MemoryTimers implements TimerStore {
  /** One armed timer; {@code claim} is 0 until it is handed out. */
  private record Armed(Instant at, long nextDue, byte[] payload, long claim) {}

  private record Slot(long nextDue, String key) implements Comparable<Slot> {
    @Override
    public int compareTo(Slot o) {
      int c = Long.compare(nextDue, o.nextDue);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  private final Map<String, Armed> byKey = new HashMap<>();
  private final TreeSet<Slot> byDue = new TreeSet<>();
  private long claims;

  @Override
  public synchronized void schedule(String key, Instant at, byte[] payload) {
    TimerKeys.check(key, at, payload);
    remove(key);
    Armed t = new Armed(at, at.toEpochMilli(), payload.clone(), 0);
    byKey.put(key, t);
    byDue.add(new Slot(t.nextDue, key));
  }

  @Override
  public synchronized boolean cancel(String key) {
    return remove(key);
  }

  @Override
  public synchronized List<Due> claimDue(Instant now, Duration lease, int limit) {
    long nowMs = now.toEpochMilli();
    List<Due> out = new ArrayList<>();
    List<String> claimed = new ArrayList<>();
    Iterator<Slot> it = byDue.iterator();
    while (it.hasNext() && claimed.size() < limit) {
      Slot s = it.next();
      if (s.nextDue > nowMs) {
        break;
      }
      it.remove();
      claimed.add(s.key);
    }
    for (String key : claimed) {
      Armed t = byKey.get(key);
      Armed held = new Armed(t.at, nowMs + lease.toMillis(), t.payload, ++claims);
      byKey.put(key, held);
      byDue.add(new Slot(held.nextDue, key));
      out.add(new Due(key, t.at, t.payload.clone(), held.claim));
    }
    return out;
  }

  @Override
  public synchronized void done(String key, long claim) {
    Armed t = byKey.get(key);
    if (t != null && t.claim == claim) {
      remove(key);
    }
  }

  private boolean remove(String key) {
    Armed t = byKey.remove(key);
    if (t == null) {
      return false;
    }
    byDue.remove(new Slot(t.nextDue, key));
    return true;
  }
}
