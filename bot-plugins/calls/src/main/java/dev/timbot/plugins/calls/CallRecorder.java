package dev.timbot.plugins.calls;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an ended call into its one {@link CallRecord}: logged, counted, and given to the listeners. */
final class CallRecorder {
  private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

  private final CallLog callLog;
  private final MeterRegistry meters;
  private final List<Consumer<CallRecord>> listeners;

  CallRecorder(CallLog callLog, MeterRegistry meters, List<Consumer<CallRecord>> listeners) {
    this.callLog = callLog;
    this.meters = meters;
    this.listeners = List.copyOf(listeners);
  }

  /** The record of {@code call} ending {@code now}. */
  static CallRecord of(RelayedCall call, Instant now, CallOutcome outcome, String reason) {
    return new CallRecord(call.id(), call.invite().protocol(), call.mediaType(),
        call.invite().roomIdText(), call.customer(), new ArrayList<>(call.legs.keySet()),
        call.answeredBy, call.startedAt(), call.answeredAt, now,
        call.answeredAt == null ? 0 : Duration.between(call.answeredAt, now).getSeconds(),
        outcome, reason);
  }

  void publish(CallRecord r) {
    log.info("call {} {} ({}): caller {} answered by {} after {} s",
        r.callId(), r.outcome(), r.endReason(), r.caller(), r.answeredBy(), r.durationSeconds());
    try {
      callLog.record(r);
    } catch (RuntimeException e) {
      log.error("call log failed for call {}", r.callId(), e);
    }
    meters.counter("timbot.calls", "outcome", r.outcome().name().toLowerCase(), "protocol", r.protocol().name().toLowerCase()).increment();
    if (r.answeredAt() != null) {
      meters.timer("timbot.calls.duration").record(Duration.ofSeconds(r.durationSeconds()));
    }
    for (Consumer<CallRecord> l : listeners) {
      try {
        l.accept(r);
      } catch (RuntimeException e) {
        log.error("call listener failed for call {}", r.callId(), e);
      }
    }
  }
}
