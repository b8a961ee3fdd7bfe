package dev.timbot.plugins.service;

import dev.timbot.spi.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The shared key space with a test in the way: unreachable while {@link #down} (Redis stopped),
 * and {@link #beforeNextWrite} run once right before the next put or compare-and-set (another
 * process acting in between a read and its write).
 */
final class InterferingKeys implements Store.KeyedState {
  final Store.KeyedState kv;
  volatile boolean down;
  volatile Runnable beforeNextWrite;

  InterferingKeys(Store.KeyedState kv) {
    this.kv = kv;
  }

  private void check() {
    if (down) {
      throw new IllegalStateException("store down (test)");
    }
  }

  private void beforeWrite() {
    check();
    Runnable hook = beforeNextWrite;
    beforeNextWrite = null;
    if (hook != null) {
      hook.run();
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    check();
    return kv.get(key);
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    beforeWrite();
    kv.put(key, value, ttl);
  }

  @Override
  public boolean remove(String key) {
    check();
    return kv.remove(key);
  }

  @Override
  public boolean replace(String key, byte[] expected, byte[] value, Duration ttl) {
    beforeWrite();
    return kv.replace(key, expected, value, ttl);
  }

  @Override
  public List<String> keys(String prefix) {
    check();
    return kv.keys(prefix);
  }

  @Override
  public CompletableFuture<Void> flush() {
    check();
    return kv.flush();
  }
}
