package dev.timbot.internal.callback;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line per key through per interval and counts the rest, so a flood of bad requests
 * (a scanner, a misconfigured token) cannot flood the log. Keys are a small fixed set (refusal
 * reasons), so the map stays tiny.
 */
public final class LogThrottle {
  private final BotClock clock;
  private final long intervalNanos;
  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

  public LogThrottle(BotClock clock, Duration interval) {
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
  }

  /**
   * Returns -1 when this occurrence should not be logged; otherwise the number of occurrences
   * suppressed since the last logged one (0 for the first).
   */
  public long admit(String key) {
    Window w = windows.computeIfAbsent(key, k -> new Window());
    long now = clock.nanoTime();
    synchronized (w) {
      if (w.started && now - w.lastLogged < intervalNanos) {
        w.suppressed.incrementAndGet();
        return -1;
      }
      w.started = true;
      w.lastLogged = now;
      return w.suppressed.getAndSet(0);
    }
  }

  private static final class Window {
    boolean started;
    long lastLogged;
    final AtomicLong suppressed = new AtomicLong();
  }
}
