package dev.timbot.plugins.service;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Agents coming and going: presence from callbacks, and dropped connections (a reloaded page, a
 * network blip) that count as offline only when the agent does not come back within a grace
 * period. The grace's deadline is part of the desk's state, so a login handled by another process
 * cancels it, and it still ends when the process that armed it died. Runs under the desk's lock.
 */
final class AgentPresence {
  private final DeskParts d;
  private final Handoffs handoffs;
  private final Consumer<String> graceOver;

  /** @param graceOver the desk's timer callback, given the agent's account */
  AgentPresence(DeskParts d, Handoffs handoffs, Consumer<String> graceOver) {
    this.d = d;
    this.handoffs = handoffs;
    this.graceOver = graceOver;
  }

  /** {@code account} is online or offline now; a pending drop is forgotten either way. */
  void set(String account, boolean online) {
    AgentPool.Agent agent = d.agents.get(account);
    if (agent == null) {
      return;
    }
    boolean dropPending = disarm(agent);
    if (agent.online == online) {
      if (dropPending) {
        d.journal.stateChanged();
      }
      return;
    }
    goes(agent, online);
  }

  /** {@code account}'s connection dropped: offline after {@code grace} unless they come back. */
  void connectionLost(String account, Duration grace) {
    AgentPool.Agent agent = d.agents.get(account);
    if (agent == null) {
      return;
    }
    if (!agent.online) {
      disarm(agent);
      return;
    }
    agent.offlineAt = d.clock.now().plus(grace);
    arm(agent);
    d.journal.stateChanged();
  }

  /** A grace timer fired: {@code account} is offline if their drop is still pending and due. */
  void graceOver(String account) {
    AgentPool.Agent agent = d.agents.get(account);
    if (agent == null || agent.offlineAt == null) {
      return;
    }
    if (d.clock.now().isBefore(agent.offlineAt)) {
      arm(agent); // armed for an older drop
      return;
    }
    disarm(agent);
    if (agent.online) {
      goes(agent, false);
    } else {
      d.journal.stateChanged();
    }
  }

  /** Arms the grace timer of {@code agent}'s pending drop (after a state is applied, too). */
  void arm(AgentPool.Agent agent) {
    if (agent.graceTimer != null) {
      agent.graceTimer.cancel();
    }
    Duration left = Duration.between(d.clock.now(), agent.offlineAt);
    String id = agent.spec.id();
    agent.graceTimer = d.clock.schedule(left.isNegative() ? Duration.ZERO : left, () -> graceOver.accept(id));
  }

  /** Cancels every grace timer (the desk is stopping). */
  void cancelTimers() {
    d.agents.all().forEach(a -> {
      if (a.graceTimer != null) {
        a.graceTimer.cancel();
      }
    });
  }

  private void goes(AgentPool.Agent agent, boolean online) {
    agent.online = online;
    if (!online) {
      handoffs.agentOffline(agent);
    }
    handoffs.dispatchQueue();
    d.journal.stateChanged();
  }

  /** Forgets a pending drop; true if there was one. */
  private static boolean disarm(AgentPool.Agent agent) {
    if (agent.graceTimer != null) {
      agent.graceTimer.cancel();
      agent.graceTimer = null;
    }
    boolean pending = agent.offlineAt != null;
    agent.offlineAt = null;
    return pending;
  }
}
