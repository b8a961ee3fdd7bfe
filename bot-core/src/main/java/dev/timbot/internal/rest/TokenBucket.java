package dev.timbot.internal.rest;

/**
 * A token bucket that hands out reservations instead of refusals: a caller over the rate takes a
 * token "on credit" and is told how long to wait for it, so a burst queues in arrival order
 * instead of failing. Holds a small burst; the steady rate leaves room for it within the limit.
 */
public final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double perSecond;
  /** Calls that may go at once; the steady rate is the limit minus this. */
  static final int BURST = 4;

  private final double capacity;
  private double tokens;
  private long lastNanos;
  private boolean started;

  public TokenBucket(int perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + perSecond);
    }
    // The service counts calls in a sliding second. A bucket holding a second's worth lets up to
    // twice the limit into one such second, which the service answers with 60007 (and the
    // retries' backoff then costs far more than the burst saved). With a burst of C and a rate of
    // limit - C + 1, no half-open sliding second holds more than the limit.
    this.capacity = Math.max(1, Math.min(BURST, perSecond / 50));
    this.perSecond = perSecond - capacity + 1;
    this.tokens = capacity;
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
    return (int) Math.round(perSecond + capacity - 1);
  }
}
