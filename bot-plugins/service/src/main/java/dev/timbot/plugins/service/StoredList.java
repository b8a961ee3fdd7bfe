package dev.timbot.plugins.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short JSON list under one key of a store shared by several processes, changed by
 * compare-and-set (again when another process was quicker) and kept {@code keep} after its last
 * change. Unreadable bytes count as an empty list.
 */
final class StoredList<T> {
  private static final Logger log = LoggerFactory.getLogger(StoredList.class);

  private final TypeReference<List<T>> type;
  private final Duration keep;

  StoredList(TypeReference<List<T>> type, Duration keep) {
    this.type = type;
    this.keep = keep;
  }

  /**
   * Applies {@code change} to the list at {@code key}; false when it changed nothing (the change
   * answered false). An empty list removes the key. Store failures are the caller's.
   */
  boolean update(Store.KeyedState kv, String key, Predicate<List<T>> change) throws IOException {
    while (true) {
      byte[] old = kv.get(key).orElse(null);
      List<T> list = new ArrayList<>(read(old));
      if (!change.test(list)) {
        return false;
      }
      byte[] next = list.isEmpty() ? null : DeskJson.JSON.writeValueAsBytes(list);
      if (kv.replace(key, old, next, keep)) {
        return true;
      }
    }
  }

  List<T> read(byte[] json) {
    if (json == null) {
      return List.of();
    }
    try {
      return DeskJson.JSON.readValue(json, type);
    } catch (IOException e) {
      log.warn("desk: an unreadable list in the store, starting it again: {}", e.toString());
      return List.of();
    }
  }
}
