package dev.timbot.spi;

import dev.timbot.internal.store.MemoryStore;
import dev.timbot.internal.store.Stores;

/**
 * Where the runtime keeps its promises (DESIGN.md §6): the inbox journal, the dedupe window, the
 * outbox with its dead letters, and keyed state with a time to live (sessions, plugin state).
 * Chosen by {@code store.url} (environment {@code TIMBOT_STORE}):
 *
 * <ul>
 *   <li>{@code file:./data/timbot} (default) — the embedded store under that directory, one
 *       process at a time;
 *   <li>{@code memory:} — everything on the heap and lost on exit, for tests;
 *   <li>any other scheme — a {@link StoreProvider} found on the class path (e.g. {@code redis:}).
 * </ul>
 *
 * <p>Writes become durable in the order they were made; a backend may batch them (group commit),
 * and the methods returning a {@link java.util.concurrent.CompletableFuture} complete only once
 * the write, and every write made before it, is durable. Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

  /** Acknowledged callbacks not yet handled. */
  InboxJournal journal();

  /** Message identities seen recently, so a redelivery is handled once. */
  DedupeWindow dedupe();

  /** Sends recorded before they are made, with their retries and dead letters. */
  OutboxStore outbox();

  /**
   * Keyed values of one namespace (e.g. {@code sessions}, {@code plugin.service}); namespaces
   * never see each other's keys.
   */
  KeyedState state(String namespace);

  /** What the store is, for logs: e.g. {@code file:/srv/bot/data/timbot (h2 mvstore)}; no secrets. */
  String describe();

  /**
   * Opens the store a {@code store.url} names ({@code file:DIR}, {@code memory:}, or a provider's
   * scheme); a bad or unusable URL fails with a message naming {@code store.url}.
   */
  static Store open(String url, BotClock clock) {
    return Stores.open(url, clock);
  }

  /** A store on the heap that forgets everything on exit ({@code memory:}), for tests. */
  static Store inMemory(BotClock clock) {
    return new MemoryStore(clock);
  }

  /** Makes every write durable and releases the store; later calls fail. */
  @Override
  void close();
}
