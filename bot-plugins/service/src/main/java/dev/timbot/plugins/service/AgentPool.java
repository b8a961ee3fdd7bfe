package dev.timbot.plugins.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured agents and what the desk knows about them: online (from presence callbacks or
 * any message they send), ready (they start ready; {@code /away} and {@code /ready} toggle it),
 * and the customers they are serving.
 */
final class AgentPool {
  static final class Agent {
    final AgentSpec spec;
    final int max;
    boolean online;
    boolean ready = true;
    final Set<String> customers = new LinkedHashSet<>();
    String current;
    /** Their connection dropped: offline at this time unless they come back first; null if not. */
    java.time.Instant offlineAt;
    dev.timbot.spi.BotClock.Timer graceTimer;

    Agent(AgentSpec spec, int defaultMax) {
      this.spec = spec;
      this.max = spec.maxConcurrent() == null ? defaultMax : spec.maxConcurrent();
    }

    boolean inGroup(String group) {
      return group == null || spec.groups().contains(group);
    }

    boolean hasCapacity() {
      return customers.size() < max;
    }

    boolean available(String group) {
      return online && ready && hasCapacity() && inGroup(group);
    }
  }

  private final Map<String, Agent> agents = new LinkedHashMap<>();

  AgentPool(List<AgentSpec> specs, int defaultMax) {
    specs.forEach(s -> agents.put(s.id(), new Agent(s, defaultMax)));
  }

  boolean isAgent(String account) {
    return agents.containsKey(account);
  }

  Agent get(String account) {
    return agents.get(account);
  }

  boolean knowsGroup(String group) {
    return group == null || agents.values().stream().anyMatch(a -> a.inGroup(group));
  }

  /** Least busy available agent of {@code group}, ties broken by config order. */
  Optional<Agent> leastBusy(String group) {
    return agents.values().stream()
        .filter(a -> a.available(group))
        .min(Comparator.comparingInt(a -> a.customers.size()));
  }

  boolean anyOnline(String group) {
    return agents.values().stream().anyMatch(a -> a.online && a.inGroup(group));
  }

  /** Back to what the configuration says (offline, ready, nobody served), before a state is applied. */
  void reset() {
    for (Agent a : agents.values()) {
      a.online = false;
      a.ready = true;
      a.customers.clear();
      a.current = null;
      a.offlineAt = null;
      if (a.graceTimer != null) {
        a.graceTimer.cancel();
        a.graceTimer = null;
      }
    }
  }

  List<Agent> all() {
    return new ArrayList<>(agents.values());
  }
}
