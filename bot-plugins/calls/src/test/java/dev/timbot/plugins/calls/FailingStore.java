package dev.timbot.plugins.calls;

import dev.timbot.spi.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;

/**
 * The relay's keys of a shared store, failing as {@link Store.Unavailable} while {@code failing}
 * says so for an operation ({@code get}, {@code put}, {@code remove}, {@code keys}, {@code
 * replace}) on a key; everything else is the delegate's.
 */
class FailingStore extends RacingStore {
  private final BiPredicate<String, String> failing;

  FailingStore(Store delegate, BiPredicate<String, String> failing) {
    super(delegate, delegate.state(SharedCallBook.NAMESPACE), "", null);
    this.failing = failing;
  }

  @Override
  public KeyedState state(String namespace) {
    KeyedState real = super.state(namespace);
    if (!namespace.equals(SharedCallBook.NAMESPACE)) {
      return real;
    }
    return new KeyedState() {
      private void check(String op, String key) {
        if (failing.test(op, key)) {
          throw new Store.Unavailable("the test store is down", null);
        }
      }

      @Override public Optional<byte[]> get(String key) { check("get", key); return real.get(key); }
      @Override public void put(String key, byte[] value, Duration ttl) { check("put", key); real.put(key, value, ttl); }
      @Override public boolean remove(String key) { check("remove", key); return real.remove(key); }
      @Override public List<String> keys(String prefix) { check("keys", prefix); return real.keys(prefix); }
      @Override public CompletableFuture<Void> flush() { return real.flush(); }

      @Override
      public boolean replace(String key, byte[] expected, byte[] value, Duration ttl) {
        check("replace", key);
        return real.replace(key, expected, value, ttl);
      }
    };
  }
}
