package dev.timbot.internal.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;

/**
 * A {@link LoggedMap} whose changes are logged at once and held beside the MVStore map until the log
 * next switches segments ({@link #settle}, on the commit thread, for the checkpoint): reads look at
 * the held changes first. An MVStore write copies a path of the map's tree (about 400 bytes for the
 * outbox's small map), and most outbox records are written and removed again within milliseconds,
 * their send confirmed and its journal entry finished: held, they never reach the tree, nor does
 * each {@code MsgSeq} step of a busy conversation, only its last value before the checkpoint (issue
 * 15, BENCHMARKS §8ab).
 *
 * <p>A checkpoint needs every change of the segments below the one it starts from in the maps it
 * commits ({@link EmbeddedStore}): a change is held before it is logged (under this map's lock), so
 * one logged before the switch is held when {@link #settle} runs after it, and goes into the tree
 * then. A held change is never in the tree before the switch, so a write made on the commit thread
 * before a commit's write (a staged one, {@link GroupCommit}) reaches the tree only once the log
 * holds it: holding it is all its staging needs.
 */
final class WriteBehindMap<K, V> {
  /** Held for a key taken out of the map: the tree may still have it until the next settle. */
  private static final Object REMOVED = new Object();

  private final LoggedMap<K, V> logged;
  /** Key → its newest value, or {@link #REMOVED}; changed under this map's lock, read without it. */
  private final Map<K, Object> held = new ConcurrentHashMap<>();

  private WriteBehindMap(LoggedMap<K, V> logged) {
    this.logged = logged;
  }

  /** Opens {@code name} with the types {@link TypedMaps#typesOf} gives it, logged to {@code log}. */
  static <K, V> WriteBehindMap<K, V> open(MVStore mv, RedoLog log, String name) {
    return new WriteBehindMap<>(LoggedMap.open(mv, log, name));
  }

  @SuppressWarnings("unchecked")
  V get(K key) {
    Object h = held.get(key);
    if (h == null) {
      return logged.get(key);
    }
    return h == REMOVED ? null : (V) h;
  }

  V getOrDefault(K key, V otherwise) {
    V v = get(key);
    return v == null ? otherwise : v;
  }

  V put(K key, V value) {
    RedoRecord.requireLoggable(key, value); // before anything changes: never a change the log cannot hold
    synchronized (this) {
      V old = get(key);
      hold(key, value);
      return old;
    }
  }

  /** Puts {@code value} unless the key is present; returns the present value, or null when it put. */
  V putIfAbsent(K key, V value) {
    RedoRecord.requireLoggable(key, value);
    synchronized (this) {
      V old = get(key);
      if (old == null) {
        hold(key, value);
      }
      return old;
    }
  }

  /** Holds a put and logs it, in that order (the class comment says why); under this map's lock. */
  private void hold(K key, V value) {
    held.put(key, value);
    logged.stageInLog(key, value);
  }

  V remove(K key) {
    RedoRecord.requireLoggable(key, null);
    synchronized (this) {
      V old = get(key);
      if (old != null) {
        if (logged.get(key) != null) {
          held.put(key, REMOVED);
        } else {
          held.remove(key); // only ever held: read as gone at once, nothing for the tree to drop
        }
        logged.stageRemovalInLog(key);
      }
      return old;
    }
  }

  /**
   * Puts {@code value} into the tree now, as a {@link LoggedMap} would, and lets go of a held value:
   * for a change a plain write to another map made right after it depends on. Held, a checkpoint
   * could hold the other write without this one (outbox done marks and their forget times).
   */
  V putThrough(K key, V value) {
    RedoRecord.requireLoggable(key, value);
    synchronized (this) {
      V old = get(key);
      logged.put(key, value);
      held.remove(key); // after the tree has it: a reader finds it in one place or the other throughout
      return old;
    }
  }

  /** Takes {@code key} out of the tree now, as {@link #putThrough} puts, and lets go of a held value. */
  V removeThrough(K key) {
    RedoRecord.requireLoggable(key, null);
    synchronized (this) {
      V old = get(key);
      if (old != null) {
        if (logged.remove(key) == null) {
          logged.stageRemovalInLog(key); // it was only held: the log needs the removal all the same
        }
        held.remove(key);
      }
      return old;
    }
  }

  /** Every value, held or in the tree; a value moving into the tree meanwhile is taken once. */
  @SuppressWarnings("unchecked")
  List<V> values() {
    // Held first: settle() puts a change into the tree before it lets go of it, so a key is in one place or the other.
    Map<K, Object> now = new HashMap<>(held);
    List<V> out = new ArrayList<>(now.size());
    for (Object h : now.values()) {
      if (h != REMOVED) {
        out.add((V) h);
      }
    }
    for (Cursor<K, V> c = logged.cursor(null); c.hasNext(); ) {
      if (!now.containsKey(c.next())) {
        out.add(c.getValue());
      }
    }
    return out;
  }

  /**
   * Puts the held changes into the tree and lets go of them: on the commit thread, right after it
   * switched the log's segments for a checkpoint ({@link EmbeddedStore#checkpoint}), so the changes
   * logged in the segments that checkpoint makes redundant are in the maps it commits. Every key held
   * when it starts is settled with its newest value; one held meanwhile may be too, or wait for the
   * next checkpoint. A key at a time, so a writer waits for one tree write at most.
   */
  void settle() {
    for (K key : held.keySet()) {
      synchronized (this) {
        Object h = held.get(key);
        if (h == REMOVED) {
          logged.removeAlreadyLogged(key);
        } else if (h != null) {
          @SuppressWarnings("unchecked")
          V v = (V) h;
          logged.putAlreadyLogged(key, v);
        }
        held.remove(key); // after the tree has it: a reader finds it in one place or the other throughout
      }
    }
  }

  /** How many changes are held (tests). */
  int heldCount() {
    return held.size();
  }
}
