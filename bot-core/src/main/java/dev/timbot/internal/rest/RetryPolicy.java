package dev.timbot.internal.rest;

import java.time.Duration;
import java.util.Random;

/**
 * How often and how late to retry: at most {@code maxAttempts} attempts in all, exponential
 * backoff from {@code baseDelay} capped at {@code maxDelay}, with "equal jitter" (half the delay
 * fixed, half random) so that many clients failing together do not retry together. The service's
 * rate limits count per second, so a rate-limit answer waits at least one second.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  static final Duration RATE_LIMIT_FLOOR = Duration.ofSeconds(1);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** The largest delay before retry number {@code retry} (1 = the first retry). */
  public Duration ceiling(int retry, boolean rateLimited) {
    long base = baseDelay.toNanos();
    if (rateLimited) {
      base = Math.max(base, RATE_LIMIT_FLOOR.toNanos());
    }
    long cap = Math.max(maxDelay.toNanos(), rateLimited ? RATE_LIMIT_FLOOR.toNanos() : 0);
    int shift = Math.min(retry - 1, 30);
    long delay = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    return Duration.ofNanos(delay);
  }

  /** The delay before retry number {@code retry}: between half the ceiling and the ceiling. */
  public Duration delay(int retry, boolean rateLimited, Random random) {
    long ceiling = ceiling(retry, rateLimited).toNanos();
    long half = ceiling / 2;
    long jitter = half == 0 ? 0 : (long) (random.nextDouble() * (ceiling - half));
    return Duration.ofNanos(half + jitter);
  }
}
