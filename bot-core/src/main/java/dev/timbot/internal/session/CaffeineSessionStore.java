package dev.timbot.internal.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Session;
import dev.timbot.spi.SessionStore;
import java.time.Duration;

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
}
