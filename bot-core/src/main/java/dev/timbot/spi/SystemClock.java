package dev.timbot.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real clock. Timer tasks must be short: they run on one shared daemon thread. */
final class SystemClock implements BotClock {
  public static final SystemClock INSTANCE = new SystemClock();
  private static final Logger log = LoggerFactory.getLogger(SystemClock.class);

  private final ScheduledExecutorService timers = newTimers();

  private static ScheduledExecutorService newTimers() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "timbot-timer");
              t.setDaemon(true);
              return t;
            });
    // Every handler run arms a timeout and almost always cancels it: drop cancelled timers at
    // once instead of keeping them queued until their (30 s) due time.
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  private SystemClock() {}

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> f =
        timers.schedule(
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                // A failing timer task must not kill the shared timer thread.
                log.error("timer task failed", e);
              }
            },
            Math.max(0, delay.toNanos()),
            TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }
}
