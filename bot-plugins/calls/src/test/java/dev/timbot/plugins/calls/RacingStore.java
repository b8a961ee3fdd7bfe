package dev.timbot.plugins.calls;

import dev.timbot.spi.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A store that runs {@code race} once, right before the first compare-and-set of a key starting with {@code prefix}. */
class RacingStore implements Store {
  private final Store delegate;
  private final KeyedState keys;
  private final String prefix;
  private Runnable race;

  RacingStore(Store delegate, KeyedState keys, String prefix, Runnable race) {
    this.delegate = delegate;
    this.keys = keys;
    this.prefix = prefix;
    this.race = race;
  }

  @Override public InboxJournal journal() { return delegate.journal(); }
  @Override public DedupeWindow dedupe() { return delegate.dedupe(); }
  @Override public OutboxStore outbox() { return delegate.outbox(); }
  @Override public TimerStore timers() { return delegate.timers(); }
  @Override public boolean shared() { return true; }
  @Override public String describe() { return "racing " + delegate.describe(); }
  @Override public void close() {}

  @Override
  public KeyedState state(String namespace) {
    if (!namespace.equals(SharedCallBook.NAMESPACE)) {
      return delegate.state(namespace);
    }
    return new KeyedState() {
      @Override public Optional<byte[]> get(String key) { return keys.get(key); }
      @Override public void put(String key, byte[] value, Duration ttl) { keys.put(key, value, ttl); }
      @Override public boolean remove(String key) { return keys.remove(key); }
      @Override public List<String> keys(String prefix) { return keys.keys(prefix); }
      @Override public java.util.concurrent.CompletableFuture<Void> flush() { return keys.flush(); }

      @Override
      public boolean replace(String key, byte[] expected, byte[] value, Duration ttl) {
        Runnable r = race;
        if (r != null && key.startsWith(prefix)) {
          race = null;
          r.run();
        }
        return keys.replace(key, expected, value, ttl);
      }
    };
  }
}
