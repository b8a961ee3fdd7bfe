package dev.timbot.internal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.Session;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.KeyedState;
import dev.timbot.spi.SessionStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions that survive a restart: kept in memory as before (expiring after {@code ttl} without
 * access) and written through to the store's {@code sessions} state as JSON, with the same time
 * to live. A session not in memory is read back from the store; its values are turned back into
 * objects when {@code get(key, type)} names their type. Values Jackson cannot write (a lambda, a
 * future) stay in memory only.
 */
public final class StoredSessionStore implements SessionStore {
  private static final Logger log = LoggerFactory.getLogger(StoredSessionStore.class);
  /** A plain mapper: session values are the application's own records and values. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<KeyedState> state;
  private final Duration ttl;
  private final Cache<String, StoredSession> live;

  public StoredSessionStore(Supplier<KeyedState> state, Duration ttl, BotClock clock) {
    this.state = state;
    this.ttl = ttl;
    this.live = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(clock::nanoTime).build();
  }

  @Override
  public Session session(String conversationId) {
    return live.get(conversationId, this::load);
  }

  @Override
  public void invalidate(String conversationId) {
    live.invalidate(conversationId);
    state.get().remove(conversationId);
  }

  /**
   * Forgets what is cached, keeping the store's copy: the next access reads it back. For when a
   * shared store moved conversations here that another process may have changed.
   */
  public void forgetCached() {
    live.invalidateAll();
  }

  private StoredSession load(String id) {
    StoredSession s = new StoredSession(id);
    state.get().get(id).ifPresent(bytes -> {
      try {
        JSON.readTree(bytes).fields().forEachRemaining(e -> s.values.put(e.getKey(), e.getValue()));
      } catch (IOException e) {
        log.warn("session {} could not be read back from the store and starts empty: {}", id, e.getMessage());
      }
    });
    return s;
  }

  private final class StoredSession extends MapSession {
    // Values are objects put in this process, or JSON read back from the store until asked for by type.

    StoredSession(String id) {
      super(id);
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
      Object v = values.get(key);
      if (v instanceof JsonNode node && !type.isInstance(v)) {
        try {
          T restored = JSON.treeToValue(node, type);
          values.put(key, restored);
          return Optional.ofNullable(restored);
        } catch (JsonProcessingException | IllegalArgumentException e) {
          return Optional.empty();
        }
      }
      return super.get(key, type);
    }

    @Override
    void changed() {
      if (values.isEmpty()) {
        state.get().remove(id());
      } else {
        save();
      }
    }

    private void save() {
      ObjectNode out = JSON.createObjectNode();
      values.forEach((k, v) -> {
        try {
          out.set(k, v instanceof JsonNode n ? n : JSON.valueToTree(v));
        } catch (IllegalArgumentException e) {
          log.debug("session {} key {} holds a {} that cannot be stored; it stays in memory only", id(), k,
              v.getClass().getName());
        }
      });
      try {
        state.get().put(id(), JSON.writeValueAsBytes(out), ttl);
      } catch (JsonProcessingException e) {
        log.debug("session {} could not be stored: {}", id(), e.getMessage());
      }
    }
  }
}
