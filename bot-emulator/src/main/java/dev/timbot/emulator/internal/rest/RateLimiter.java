package dev.timbot.emulator.internal.rest;

import dev.timbot.spi.BotClock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Sliding one-second windows keyed by name (an API, a group). Time comes from the injected
 * clock's monotonic tick, so a test can put 201 calls into one virtual second.
 */
public final class RateLimiter {
  private static final long WINDOW_NANOS = 1_000_000_000L;
  private final BotClock clock;
  private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();

  public RateLimiter(BotClock clock) {
    this.clock = clock;
  }

  /** Takes a slot if fewer than {@code perSecond} were taken in the last second. */
  public synchronized boolean tryAcquire(String key, int perSecond) {
    if (perSecond <= 0) {
      return true;
    }
    long now = clock.nanoTime();
    ArrayDeque<Long> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!w.isEmpty() && now - w.peekFirst() >= WINDOW_NANOS) {
      w.pollFirst();
    }
    if (w.size() >= perSecond) {
      return false;
    }
    w.addLast(now);
    return true;
  }

  public synchronized void reset() {
    windows.clear();
  }
}
