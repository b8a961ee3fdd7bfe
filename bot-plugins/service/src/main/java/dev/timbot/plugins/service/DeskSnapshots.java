package dev.timbot.plugins.service;

import java.util.List;

/**
 * Turns the desk's live model into a {@link DeskState} and back. Applying a state replaces the
 * model (sessions, queue, ratings, left messages, agents) and arms the timers it implies with what
 * is left of them; what is not part of the state stays (FAQ misses and offers, recent lines, relayed
 * copies: each is shared through the store by itself when the desk is).
 * Runs under the desk's lock.
 */
final class DeskSnapshots {
  private DeskSnapshots() {}

  static DeskState take(DeskParts d) {
    List<AgentPool.Agent> agents = d.agents.all();
    List<String> away = agents.stream().filter(a -> !a.ready).map(a -> a.spec.id()).toList();
    List<DeskState.AgentState> presence = agents.stream()
        .filter(a -> a.online || a.current != null || a.offlineAt != null)
        .map(a -> new DeskState.AgentState(a.spec.id(), a.online, a.current, a.offlineAt))
        .toList();
    return new DeskState(d.sessions.all().stream().map(LiveSession::snapshot).toList(), d.waiting.entries(),
        d.ratings.snapshot(), away, d.leftMessages.snapshot(), d.sequence(), presence, d.waiting.told(), 0);
  }

  /**
   * Replaces the model with {@code state}. {@code withPresence}: take the agents' presence from it
   * too (processes sharing the desk); a process restarting alone asks the service instead, since
   * presence saved before it stopped may be stale.
   */
  static void apply(DeskParts d, DeskState state, boolean withPresence, AgentPresence presence) {
    d.sessions.clear();
    d.waiting.clear();
    d.ratings.clear();
    d.leftMessages.clear();
    d.agents.reset();
    d.restoreSequence(state.sequence());
    for (DeskState.OpenSession os : state.sessions()) {
      LiveSession s = LiveSession.restore(os);
      AgentPool.Agent a = d.agents.get(s.agent);
      if (a != null) {
        a.customers.add(s.customer);
        a.current = s.customer;
      }
      d.sessions.open(s);
    }
    state.queue().forEach(q -> d.waiting.restore(q, state.told().get(q.customer())));
    state.ratings().forEach(d.ratings::open);
    state.awayAgents().forEach(id -> {
      AgentPool.Agent a = d.agents.get(id);
      if (a != null) {
        a.ready = false;
      }
    });
    state.leaving().forEach(d.leftMessages::restore);
    for (DeskState.AgentState as : state.agents()) {
      AgentPool.Agent a = d.agents.get(as.id());
      if (a == null) {
        continue;
      }
      if (as.current() != null && a.customers.contains(as.current())) {
        a.current = as.current();
      }
      if (withPresence) {
        a.online = as.online();
        a.offlineAt = as.offlineAt();
        if (a.offlineAt != null) {
          presence.arm(a);
        }
      }
    }
  }
}
