package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the desk's timers do (a queue timeout, a session's inactivity, an agent's grace)
 * through the desk's current {@link DeskSync}. When another process holds a shared desk, or the
 * store failed, the work is tried again shortly: it checks for itself that it is still due. A store
 * outage is logged once, not once per timer and retry. Once stopped, nothing runs.
 */
final class DeskTimerRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceDesk.class);
  /** When a timer of a shared desk failed (the store is down), how soon it tries again. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

  private final BotClock clock;
  private final Supplier<DeskSync> sync;
  private volatile boolean stopped;
  private volatile boolean failing;

  /** {@code sync} is asked at each run: a desk becomes shared at restore. */
  DeskTimerRunner(BotClock clock, Supplier<DeskSync> sync) {
    this.clock = clock;
    this.sync = sync;
  }

  /** Runs {@code work} now, or schedules {@code again} (which runs it) when it cannot run now. */
  void run(Runnable work, Runnable again) {
    if (stopped) {
      return;
    }
    DeskSync s = sync.get();
    try {
      if (!s.fire(work)) {
        clock.schedule(ClusterSync.RETRY, again);
      } else if (failing) {
        failing = false;
        log.info("desk: timers run again");
      }
    } catch (RuntimeException e) {
      if (!(s instanceof ClusterSync)) {
        throw e;
      }
      if (!failing) { // once per outage, not once per timer and retry
        failing = true;
        log.error("desk: a timer could not run ({}); each is tried again every {}", e.toString(),
            RETRY_AFTER_FAILURE);
      }
      clock.schedule(RETRY_AFTER_FAILURE, again);
    }
  }

  /** The bot is stopping: timers that fire from now on do nothing. */
  void stop() {
    stopped = true;
  }
}
