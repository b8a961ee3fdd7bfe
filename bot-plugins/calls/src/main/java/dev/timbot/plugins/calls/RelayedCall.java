package dev.timbot.plugins.calls;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The relay's state for one customer call: plain data with its deadlines, so that a {@link
 * CallBook} may keep it in memory or in a store shared by several processes. Changed by one {@link
 * CallRelay} operation at a time.
 */
final class RelayedCall {
  enum State { RINGING, CONNECTED, ENDED }

  enum LegState { RINGING, ACCEPTED, REJECTED, BUSY, NO_ANSWER, CANCELLED }

  /** One agent being rung; {@code deadline} ends a sequential ring (null in parallel mode). */
  static final class Leg {
    private final String agent;
    private final String legId;
    LegState state = LegState.RINGING;
    Instant deadline;

    Leg(String agent, String legId) {
      this.agent = agent;
      this.legId = legId;
    }

    String agent() {
      return agent;
    }

    String legId() {
      return legId;
    }
  }

  private final String id;
  private final String customer;
  private final CallSignal invite;
  private final Instant startedAt;
  private final int ringTimeoutSeconds;
  final Map<String, Leg> legs = new LinkedHashMap<>();
  final Deque<String> waiting = new ArrayDeque<>();
  State state = State.RINGING;
  String answeredBy;
  Instant answeredAt;
  /** A connected call with no hang-up by then is closed. */
  Instant maxDeadline;
  /** The stored bytes this copy was read from (a shared book compares them when it saves); null when new. */
  byte[] stored;

  RelayedCall(String id, String customer, CallSignal invite, Instant startedAt, int ringTimeoutSeconds) {
    this.id = id;
    this.customer = customer;
    this.invite = invite;
    this.startedAt = startedAt;
    this.ringTimeoutSeconds = ringTimeoutSeconds;
  }

  String id() {
    return id;
  }

  String customer() {
    return customer;
  }

  CallSignal invite() {
    return invite;
  }

  Instant startedAt() {
    return startedAt;
  }

  int ringTimeoutSeconds() {
    return ringTimeoutSeconds;
  }

  Instant ringDeadline() {
    return startedAt.plusSeconds(ringTimeoutSeconds);
  }

  MediaType mediaType() {
    return invite.mediaType();
  }

  boolean anyRinging() {
    return legs.values().stream().anyMatch(l -> l.state == LegState.RINGING);
  }

  /** Whether {@code agent} is ringing or talking in this call. */
  boolean engages(String agent) {
    Leg leg = legs.get(agent);
    return state != State.ENDED && leg != null
        && (leg.state == LegState.RINGING || agent.equals(answeredBy) && state == State.CONNECTED);
  }

  /** The earliest moment something is due in this call (ring, a sequential leg, the maximum), or null. */
  Instant nextDeadline() {
    if (state == State.CONNECTED) {
      return maxDeadline;
    }
    if (state != State.RINGING) {
      return null;
    }
    Instant next = ringDeadline();
    for (Leg leg : legs.values()) {
      if (leg.state == LegState.RINGING && leg.deadline != null && leg.deadline.isBefore(next)) {
        next = leg.deadline;
      }
    }
    return next;
  }
}
