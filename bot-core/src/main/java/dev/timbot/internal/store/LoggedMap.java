package dev.timbot.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An MVStore map whose every change is also appended to the {@link RedoLog}: reads are the map's,
 * changes go to the map and then to the log, one change at a time per map, so the log holds a
 * map's changes in the order the map took them (replaying the log re-creates its last state even
 * for a key two threads wrote at once). A change is in the map before it is in the log: a
 * checkpoint taken after the log rotated to segment {@code s} holds every change of the segments
 * below {@code s} ({@link EmbeddedStore}).
 *
 * <p>Staged writes ({@link GroupCommit}) go the other way round, in two steps on the commit thread:
 * {@link #stageInLog} before the log is written and forced, {@link #putAlreadyLogged} (or {@link
 * #appendAlreadyLogged}) after it, and before the commit thread lets the log rotate again. They
 * reach the map only once the log holds them and everything written before them, so a checkpoint
 * running meanwhile never holds one of them without an earlier write it depends on; and they are in
 * the map before the segment holding them is left.
 *
 * <p>A {@link WriteBehindMap} uses a LoggedMap the other way round: its changes are logged first
 * ({@link #stageInLog}, {@link #stageRemovalInLog}) and held beside the map, and reach it ({@link
 * #putAlreadyLogged}, {@link #removeAlreadyLogged}) right after the log switches segments for a
 * checkpoint.
 */
final class LoggedMap<K, V> {
  private final MVMap<K, V> map;
  private final RedoLog log;
  private final byte[] name;

  private LoggedMap(MVMap<K, V> map, RedoLog log) {
    this.map = map;
    this.log = log;
    this.name = map.getName().getBytes(StandardCharsets.UTF_8);
  }

  /** Opens {@code name} with the types {@link TypedMaps#typesOf} gives it, logged to {@code log}. */
  static <K, V> LoggedMap<K, V> open(MVStore mv, RedoLog log, String name) {
    return new LoggedMap<>(TypedMaps.<K, V>open(mv, name), log);
  }

  V get(K key) {
    return map.get(key);
  }

  V getOrDefault(K key, V otherwise) {
    return map.getOrDefault(key, otherwise);
  }

  V put(K key, V value) {
    RedoRecord.requireLoggable(key, value); // before the map changes: never a change the log cannot hold
    synchronized (this) {
      V old = map.put(key, value);
      log.append(name, key, true, value);
      return old;
    }
  }

  /** Appends a put to the log without changing the map: the first step of a staged write. */
  void stageInLog(K key, V value) {
    log.append(name, key, true, value);
  }

  /** Appends a removal to the log without changing the map: the first step of a staged removal. */
  void stageRemovalInLog(K key) {
    log.append(name, key, false, null);
  }

  /** Removes a key whose staged removal the log already holds ({@link #stageRemovalInLog}) from the map. */
  void removeAlreadyLogged(K key) {
    map.remove(key);
  }

  /** Puts a staged write the log already holds ({@link #stageInLog}) into the map. */
  void putAlreadyLogged(K key, V value) {
    map.put(key, value);
  }

  /**
   * Appends a staged write the log already holds to a map opened single-writer ({@link
   * TypedMaps#typesOf}): MVStore gathers appends in a buffer and adds them as one leaf when it is
   * full or the map is next read, written or committed, where a put copies the right-most path of
   * the tree each time. The key must be above every key of the map, and the caller must be the
   * map's only writer while it appends; reads from other threads are safe (they take the buffer in
   * under MVStore's root lock).
   */
  void appendAlreadyLogged(K key, V value) {
    map.append(key, value);
  }

  /** Puts {@code value} unless the key is present; returns the present value, or null when it put. */
  V putIfAbsent(K key, V value) {
    RedoRecord.requireLoggable(key, value);
    synchronized (this) {
      V old = map.putIfAbsent(key, value);
      if (old == null) {
        log.append(name, key, true, value);
      }
      return old;
    }
  }

  V remove(K key) {
    RedoRecord.requireLoggable(key, null);
    synchronized (this) {
      V old = map.remove(key);
      if (old != null) {
        log.append(name, key, false, null);
      }
      return old;
    }
  }

  Cursor<K, V> cursor(K from) {
    return map.cursor(from);
  }

  Iterator<K> keyIterator(K from) {
    return map.keyIterator(from);
  }

  Collection<V> values() {
    return map.values();
  }

  K lastKey() {
    return map.lastKey();
  }

  int size() {
    return map.size();
  }

  long sizeAsLong() {
    return map.sizeAsLong();
  }

  boolean isEmpty() {
    return map.isEmpty();
  }
}
