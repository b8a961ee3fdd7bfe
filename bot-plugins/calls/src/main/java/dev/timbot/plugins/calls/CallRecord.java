package dev.timbot.plugins.calls;

import java.time.Instant;
import java.util.List;

/**
 * One call, as the relay saw it. {@code answeredAt}/{@code answeredBy} are null for calls nobody
 * answered; {@code durationSeconds} counts from answer to end on the bot's clock.
 */
public record CallRecord(
    String callId,
    CallProtocol protocol,
    MediaType mediaType,
    String roomId,
    String caller,
    List<String> callees,
    String answeredBy,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    long durationSeconds,
    CallOutcome outcome,
    String endReason) {
  public CallRecord {
    callees = List.copyOf(callees);
  }
}
