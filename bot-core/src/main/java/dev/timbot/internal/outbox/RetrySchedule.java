package dev.timbot.internal.outbox;

import java.time.Duration;
import java.util.Random;

/**
 * When the outbox tries a send again: exponential backoff with jitter between {@code base}
 * and {@code max} (at least one second after a rate-limit answer), until {@code horizon} after
 * the send was recorded. Sends retried later than {@code serviceDedupeWindow} after they were
 * recorded first look in the history whether an earlier attempt landed.
 *
 * @param horizon how long a send is retried before it becomes a dead letter ({@code outbox.retryHorizon})
 * @param base the first delay
 * @param max the largest delay
 * @param serviceDedupeWindow the service's dedupe window for {@code MsgSeq}+{@code MsgRandom} (120 s)
 * @param keepDone how long a confirmed send is remembered while a handler run again after a crash
 *     could make it (its journal entry not yet finished), so it is not sent again; the store may
 *     forget the others at once ({@code OutboxStore#forget})
 */
public record RetrySchedule(Duration horizon, Duration base, Duration max, Duration serviceDedupeWindow,
    Duration keepDone) {
  public static final Duration RATE_LIMIT_FLOOR = Duration.ofSeconds(1);

  public static RetrySchedule defaults() {
    return new RetrySchedule(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(1),
        Duration.ofSeconds(120), Duration.ofHours(1));
  }

  public RetrySchedule {
    if (horizon.isNegative() || base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("outbox retry: need 0 < base <= max and horizon >= 0");
    }
  }

  /** The delay before retry number {@code retry} (1 = the first retry). */
  public Duration delay(int retry, boolean rateLimited, Random random) {
    long ceiling = base.toMillis() << Math.min(retry - 1, 20);
    ceiling = Math.min(ceiling, max.toMillis());
    long floor = rateLimited ? RATE_LIMIT_FLOOR.toMillis() : 0;
    // "Equal jitter": half the ceiling fixed, half random, so retries spread without collapsing to 0.
    long ms = ceiling / 2 + (long) (random.nextDouble() * (ceiling - ceiling / 2));
    return Duration.ofMillis(Math.max(Math.max(ms, floor), 1));
  }
}
