package dev.timbot.spi;

import dev.timbot.Handlers;
import java.util.Optional;
import java.util.Set;

/**
 * Per-conversation state, kept by a {@link SessionStore} for {@code dispatch.sessionTtl} after its
 * last use. Handlers of one conversation run one at a time, so a session needs no locking from
 * handler code; values should be immutable or only touched from handlers.
 */
public interface Session {
  /** The conversation ID ({@code C2Calice}, {@code GROUP@TGS#…}). */
  String id();

  <T> Optional<T> get(String key, Class<T> type);

  void put(String key, Object value);

  void remove(String key);

  Set<String> keys();

  /** Removes every key. */
  void clear();
}
