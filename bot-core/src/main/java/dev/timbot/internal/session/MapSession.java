package dev.timbot.internal.session;

import dev.timbot.spi.Session;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's values in a map. Subclasses learn of every change through {@link #changed()} (to
 * write it through) and may turn a stored form back into the asked type in {@link #get}.
 */
class MapSession implements Session {
  private final String id;
  final Map<String, Object> values = new ConcurrentHashMap<>();

  MapSession(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    Object v = values.get(key);
    return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
  }

  @Override
  public void put(String key, Object value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
    changed();
  }

  @Override
  public void remove(String key) {
    values.remove(key);
    changed();
  }

  @Override
  public Set<String> keys() {
    return Set.copyOf(values.keySet());
  }

  @Override
  public void clear() {
    values.clear();
    changed();
  }

  /** After every change; nothing for a session kept in memory only. */
  void changed() {}

  @Override
  public String toString() {
    return "Session[" + id + ", keys=" + values.keySet() + "]";
  }
}
