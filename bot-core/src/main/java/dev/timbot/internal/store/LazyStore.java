package dev.timbot.internal.store;

import dev.timbot.spi.Store.DedupeWindow;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.spi.Store.KeyedState;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.TimerStore;
import dev.timbot.spi.Store;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens the configured store on first use (the bot's start), not when the bot is built: a bot
 * that is built and never started takes no file lock and writes nothing.
 */
public final class LazyStore implements Store {
  private final Supplier<Store> opener;
  private volatile Store store;
  private boolean closed;

  public LazyStore(Supplier<Store> opener) {
    this.opener = opener;
  }

  /** The store, opened now if it was not yet. */
  public synchronized Store get() {
    if (closed) {
      throw new IllegalStateException("the store is closed (the bot was stopped)");
    }
    if (store == null) {
      store = opener.get();
    }
    return store;
  }

  /** The store if it is open (for gauges, which must not open it). */
  public Store openedOrNull() {
    return closed ? null : store;
  }

  @Override
  public InboxJournal journal() {
    return get().journal();
  }

  @Override
  public DedupeWindow dedupe() {
    return get().dedupe();
  }

  @Override
  public OutboxStore outbox() {
    return get().outbox();
  }

  @Override
  public TimerStore timers() {
    return get().timers();
  }

  @Override
  public KeyedState state(String namespace) {
    return get().state(namespace);
  }

  @Override
  public boolean shared() {
    return get().shared();
  }

  @Override
  public Optional<SharedRateLimit> rateLimit() {
    return get().rateLimit();
  }

  /** The shared rate limit if the store is open and has one: REST calls made before start use the client's own. */
  public Optional<SharedRateLimit> rateLimitIfOpen() {
    Store s = openedOrNull();
    return s == null ? Optional.empty() : s.rateLimit();
  }

  @Override
  public String describe() {
    Store s = store;
    return s == null ? "(not opened yet)" : s.describe();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (store != null) {
      store.close();
    }
  }
}
