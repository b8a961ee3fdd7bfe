package dev.timbot.plugins.service;

import java.time.Instant;
import java.util.List;

/**
 * A finished (or rated) human session: who, when, how long the customer waited, why it ended,
 * the rating (null until rated) and the agent's notes.
 */
public record SessionRecord(
    String sessionId,
    String customer,
    String agent,
    String group,
    Instant requestedAt,
    Instant startedAt,
    Instant endedAt,
    long waitSeconds,
    String endReason,
    Integer rating,
    List<String> notes) {
  public SessionRecord {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
