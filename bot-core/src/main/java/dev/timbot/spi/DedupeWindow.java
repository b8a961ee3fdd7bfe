package dev.timbot.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Message identities seen within a time window ({@code dispatch.dedupeTtl}), kept in the store so
 * that a callback delivered again after a restart is still recognised.
 *
 * <p>An identity is claimed by an owner (the journal entry that brought it): claiming it again
 * with the same owner is not a duplicate, which lets an entry replayed after a crash pass. Redis:
 * {@code SET key owner NX PX ttl}, then {@code GET}.
 */
public interface DedupeWindow {

  /**
   * Claims {@code key} for {@code owner} for {@code ttl} unless someone holds it.
   *
   * @return the owner already holding the key, or empty when it was free and is now {@code owner}'s
   */
  Optional<String> claim(String key, String owner, Duration ttl);
}
