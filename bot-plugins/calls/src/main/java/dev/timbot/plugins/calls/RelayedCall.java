package dev.timbot.plugins.calls;

import dev.timbot.spi.BotClock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** The relay's state for one customer call. Guarded by the owning {@link CallRelay}'s lock. */
final class RelayedCall {
  enum State { RINGING, CONNECTED, ENDED }

  enum LegState { RINGING, ACCEPTED, REJECTED, BUSY, NO_ANSWER, CANCELLED }

  /** One agent being rung. */
  static final class Leg {
    private final String agent;
    private final String legId;
    LegState state = LegState.RINGING;
    BotClock.Timer timer;

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
  BotClock.Timer ringTimer;
  BotClock.Timer maxTimer;

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

  MediaType mediaType() {
    return invite.mediaType();
  }

  boolean anyRinging() {
    return legs.values().stream().anyMatch(l -> l.state == LegState.RINGING);
  }
}
