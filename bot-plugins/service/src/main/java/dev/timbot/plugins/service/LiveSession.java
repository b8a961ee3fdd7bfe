package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A session in progress; mutable, guarded by the desk's lock. */
final class LiveSession {
  final String sessionId;
  final String customer;
  String agent;
  final String group;
  final Instant requestedAt;
  final Instant startedAt;
  Instant lastActivity;
  boolean reminded;
  final List<String> notes = new ArrayList<>();
  BotClock.Timer timer;

  LiveSession(String sessionId, String customer, String agent, String group, Instant requestedAt, Instant startedAt) {
    this.sessionId = sessionId;
    this.customer = customer;
    this.agent = agent;
    this.group = group;
    this.requestedAt = requestedAt;
    this.startedAt = startedAt;
    this.lastActivity = startedAt;
  }

  DeskState.OpenSession snapshot() {
    return new DeskState.OpenSession(sessionId, customer, agent, group, requestedAt, startedAt,
        lastActivity, reminded, notes);
  }

  static LiveSession restore(DeskState.OpenSession s) {
    LiveSession live = new LiveSession(s.sessionId(), s.customer(), s.agent(), s.group(),
        s.requestedAt(), s.startedAt());
    live.lastActivity = s.lastActivity();
    live.reminded = s.reminded();
    live.notes.addAll(s.notes());
    return live;
  }
}
