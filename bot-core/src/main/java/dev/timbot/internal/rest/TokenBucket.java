package dev.timbot.internal.rest;

/**
 * A token bucket that hands out reservations instead of refusals: a caller over the rate takes a
 * token "on credit" and is told how long to wait for it, so a burst queues in arrival order
 * instead of failing. Holds up to one second's worth of tokens and starts full.
 */
public final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double perSecond;
  private final double capacity;
  private double tokens;
  private long lastNanos;
  private boolean started;

  public TokenBucket(int perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + perSecond);
    }
    this.perSecond = perSecond;
    this.capacity = perSecond;
    this.tokens = perSecond;
  }

  /** Takes one token at monotonic time {@code nowNanos}; returns how long to wait for it (0 = now). */
  public synchronized long reserve(long nowNanos) {
    if (!started) {
      started = true;
      lastNanos = nowNanos;
    }
    if (nowNanos > lastNanos) {
      tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perSecond / NANOS_PER_SECOND);
      lastNanos = nowNanos;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return 0;
    }
    // Negative tokens are debt owed by earlier reservations; this one waits until it is repaid.
    return (long) Math.ceil(-tokens * NANOS_PER_SECOND / perSecond);
  }

  public int perSecond() {
    return (int) perSecond;
  }
}
