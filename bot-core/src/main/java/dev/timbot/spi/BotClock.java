package dev.timbot.spi;

import dev.timbot.internal.time.SystemClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Every source of time in timbot: wall time for the protocol (UserSig, callback signatures,
 * message times), a monotonic tick for TTLs and rate limits, and timers for timeouts. Injecting
 * a {@link VirtualClock} makes all of it testable without sleeping — the idea of Caffeine's
 * {@code Ticker} and {@code Scheduler}, in one seam.
 */
public interface BotClock {

  /** Wall-clock time. */
  Instant now();

  /** Monotonic nanoseconds, for durations only. */
  long nanoTime();

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Timer schedule(Duration delay, Runnable task);


  /** The real clock, with one daemon timer thread shared by the process. */
  static BotClock system() {
    return SystemClock.INSTANCE;
  }

  /** A scheduled task. */
  interface Timer {
    /** Cancels the task if it has not run; returns true if this call cancelled it. */
    boolean cancel();
  }
}
