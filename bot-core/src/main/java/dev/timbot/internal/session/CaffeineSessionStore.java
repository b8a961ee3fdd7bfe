package dev.timbot.internal.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Session;
import dev.timbot.spi.SessionStore;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link SessionStore}: in memory, expiring after {@code ttl} without access on the bot's clock. */
public final class CaffeineSessionStore implements SessionStore {
  private final Cache<String, MapSession> sessions;

  public CaffeineSessionStore(Duration ttl, BotClock clock) {
    this.sessions = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(clock::nanoTime).build();
  }

  @Override
  public Session session(String conversationId) {
    return sessions.get(conversationId, MapSession::new);
  }

  @Override
  public void invalidate(String conversationId) {
    sessions.invalidate(conversationId);
  }

  private static final class MapSession implements Session {
    private final String id;
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

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
    }

    @Override
    public void remove(String key) {
      values.remove(key);
    }

    @Override
    public Set<String> keys() {
      return Set.copyOf(values.keySet());
    }

    @Override
    public void clear() {
      values.clear();
    }

    @Override
    public String toString() {
      return "Session[" + id + ", keys=" + values.keySet() + "]";
    }
  }
}
