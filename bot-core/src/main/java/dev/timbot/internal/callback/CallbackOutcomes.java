package dev.timbot.internal.callback;

import dev.timbot.spi.BotClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link CallbackReceiver} counts and logs about each request, and the answers it refuses
 * with: counters {@code timbot.callbacks.received{command}}, {@code rejected{reason}} and {@code
 * sink.failed{command}}, refusal lines throttled per reason. Neither the token, the Sign nor the
 * body is ever logged.
 */
final class CallbackOutcomes {
  // The receiver's logger: these lines are about what it received, and one log setting covers them.
  private static final Logger log = LoggerFactory.getLogger(CallbackReceiver.class);
  /** At most one refusal log line per reason per interval; the counter still sees each one. */
  private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

  private final MeterRegistry meters;
  private final LogThrottle refusalLogs;
  /**
   * The "not modelled" line, at most once an interval (one key: command names come from the request,
   * so they do not key the throttle's map; the counter has them): an acknowledgement is counted and
   * logged on the thread that completes its commit (the store's), where a line per callback would be
   * disk I/O in front of the next commit.
   */
  private final LogThrottle unmodelledLogs;
  private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

  CallbackOutcomes(MeterRegistry meters, BotClock clock) {
    this.meters = meters;
    this.refusalLogs = new LogThrottle(clock, REFUSAL_LOG_INTERVAL);
    this.unmodelledLogs = new LogThrottle(clock, REFUSAL_LOG_INTERVAL);
  }

  /** Counts and logs an accepted callback; returns the acknowledgement. */
  CallbackResponse accepted(CallbackEvent event) {
    boolean known = !(event instanceof UnknownCallback);
    count("timbot.callbacks.received", "command", known ? event.command() : "other");
    if (known) {
      log.debug("callback {} accepted", event.command());
    } else {
      String command = LogSafe.clip(event.command());
      long suppressed = unmodelledLogs.admit("unmodelled");
      if (suppressed >= 0) {
        log.info("callback {} is not modelled by timbot; acknowledged and handed on raw{}", command,
            suppressed > 0 ?  " (" + suppressed + " unmodelled callbacks since the last line)" : "");
      }
    }
    return CallbackResponse.ok();
  }

  /** The answer to a refused request, counted and (throttled) logged with request metadata only. */
  CallbackResponse refused(CallbackRejected r, CallbackQuery q) {
    count("timbot.callbacks.rejected", "reason", r.reason());
    long suppressed = refusalLogs.admit(r.reason());
    if (suppressed >= 0) {
      // Only request metadata and our own message: never the token, the Sign or the body.
      log.warn("refused callback {} from {} ({}): {} {}{}",
          LogSafe.clip(q.command()),
          LogSafe.clip(q.clientIp()),
          LogSafe.clip(q.optPlatform()),
          r.status(),
          r.getMessage(),
          suppressed > 0 ? " (" + suppressed + " similar refusals not logged)" : "");
    }
    return CallbackResponse.error(r.status(), r.getMessage());
  }

  /** The answer when the receiver itself failed: 500, with the failure logged. */
  CallbackResponse internalError(Throwable e, CallbackQuery q) {
    count("timbot.callbacks.rejected", "reason", "internal_error");
    log.error("callback {} failed inside the receiver", LogSafe.clip(q.command()), e);
    return CallbackResponse.error(500, "internal error");
  }

  /** A sink that threw on a callback already answered: all that is left is to make it visible. */
  void sinkFailed(ReceivedCallback received, Throwable e) {
    CallbackEvent event = received.event();
    count("timbot.callbacks.sink.failed", "command", event instanceof UnknownCallback ? "other" : event.command());
    log.error("callback sink failed on {}", LogSafe.clip(received.command()), e);
  }

  private void count(String name, String tag, String value) {
    if (meters != null) {
      // Resolved once per (name, value): a builder and a registry lookup per callback allocate.
      counters.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
          .computeIfAbsent(value, v -> Counter.builder(name).tag(tag, v).register(meters)).increment();
    }
  }
}
