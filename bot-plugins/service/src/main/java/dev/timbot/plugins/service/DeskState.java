package dev.timbot.plugins.service;

import java.time.Instant;
import java.util.List;

/**
 * What the desk must remember across a restart: open sessions (with their last activity, so
 * inactivity timers resume where they were), the queue, pending ratings, agent readiness and
 * who is leaving a message.
 */
public record DeskState(
    List<OpenSession> sessions,
    List<QueuedCustomer> queue,
    List<PendingRating> ratings,
    List<String> awayAgents,
    List<Leaving> leaving,
    long sequence) {

  public DeskState {
    sessions = sessions == null ? List.of() : List.copyOf(sessions);
    queue = queue == null ? List.of() : List.copyOf(queue);
    ratings = ratings == null ? List.of() : List.copyOf(ratings);
    awayAgents = awayAgents == null ? List.of() : List.copyOf(awayAgents);
    leaving = leaving == null ? List.of() : List.copyOf(leaving);
  }

  /** A customer asked to leave a message, since when. */
  public record Leaving(String customer, Instant since) {}

  /** A session with a human in progress. */
  public record OpenSession(
      String sessionId, String customer, String agent, String group, Instant requestedAt,
      Instant startedAt, Instant lastActivity, boolean reminded, List<String> notes) {
    public OpenSession {
      notes = notes == null ? List.of() : List.copyOf(notes);
    }
  }

  /** A customer waiting for an agent. {@code front} puts them ahead of their priority class. */
  public record QueuedCustomer(
      String customer, String group, int priority, boolean front, Instant requestedAt,
      Instant enqueuedAt, long sequence) {}

  /** A finished session whose customer may still rate it until {@code expiresAt}. */
  public record PendingRating(String sessionId, String customer, String agent, Instant expiresAt, boolean rated) {}
}
