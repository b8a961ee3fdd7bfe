package dev.timbot.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keyed values of one namespace with an optional time to live on the bot's clock: sessions, and
 * the state of plugins (the service desk's queue and tickets, the call relay's calls) that must
 * survive a restart. Values are bytes: the owner picks the encoding (JSON is the usual one).
 *
 * <p>A write is durable with the store's next flush; {@link #flush()} waits for it. Redis: one key
 * per entry ({@code SET … PX}), with the namespace as key prefix.
 */
public interface KeyedState {

  /** The value, if present and not expired. */
  Optional<byte[]> get(String key);

  /** Stores {@code value}; a null or zero {@code ttl} keeps it until removed. */
  void put(String key, byte[] value, Duration ttl);

  /** Removes the key; true if it was present. */
  boolean remove(String key);

  /** Keys starting with {@code prefix} (all keys for ""), not expired, in key order. */
  List<String> keys(String prefix);

  /** Completes once every write made so far is durable. */
  java.util.concurrent.CompletableFuture<Void> flush();
}
