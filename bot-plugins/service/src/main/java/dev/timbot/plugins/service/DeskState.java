package dev.timbot.plugins.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the desk must remember across a restart: open sessions (with their last activity, so
 * inactivity timers resume where they were), the queue, pending ratings, agent readiness and
 * who is leaving a message.
 *
 * <p>When several processes share the desk ({@code service.cluster}), it also carries what one
 * process learns and another must know: the agents' presence and current customer, the queue
 * positions customers were told, and the {@code revision} that tells a process whether the state
 * it holds is the newest. A state written before these existed reads with them empty.
 */
public record DeskState(
    List<OpenSession> sessions,
    List<QueuedCustomer> queue,
    List<PendingRating> ratings,
    List<String> awayAgents,
    List<Leaving> leaving,
    long sequence,
    List<AgentState> agents,
    Map<String, Integer> told,
    long revision) {

  public DeskState {
    sessions = sessions == null ? List.of() : List.copyOf(sessions);
    queue = queue == null ? List.of() : List.copyOf(queue);
    ratings = ratings == null ? List.of() : List.copyOf(ratings);
    awayAgents = awayAgents == null ? List.of() : List.copyOf(awayAgents);
    leaving = leaving == null ? List.of() : List.copyOf(leaving);
    agents = agents == null ? List.of() : List.copyOf(agents);
    told = told == null ? Map.of() : Map.copyOf(told);
  }

  /** The state of one process's desk (no presence, no revision). */
  public DeskState(List<OpenSession> sessions, List<QueuedCustomer> queue, List<PendingRating> ratings,
      List<String> awayAgents, List<Leaving> leaving, long sequence) {
    this(sessions, queue, ratings, awayAgents, leaving, sequence, List.of(), Map.of(), 0);
  }

  /** The same state under another revision. */
  DeskState withRevision(long newRevision) {
    return new DeskState(sessions, queue, ratings, awayAgents, leaving, sequence, agents, told, newRevision);
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

  /**
   * An agent as every process must see them: online, the customer their replies go to, and — when
   * their connection dropped — when they count as offline unless they come back ({@code null}: no
   * drop pending).
   */
  public record AgentState(String id, boolean online, String current, Instant offlineAt) {}
}
