package dev.timbot.plugins.service;

import dev.timbot.message.Message;
import dev.timbot.message.TextElem;
import java.util.List;
import java.util.Optional;

/**
 * An agent's messages to the bot: commands ({@link AgentCommands}), or replies relayed to the
 * customer they are talking to. Also what the commands do to sessions (accept, transfer, note).
 * Runs under the desk's lock.
 */
final class AgentSide {
  private final DeskParts d;
  private final Handoffs handoffs;
  private final DeskRelay relay;
  private final AgentCommands commands = new AgentCommands(this);

  AgentSide(DeskParts d, Handoffs handoffs, DeskRelay relay) {
    this.d = d;
    this.handoffs = handoffs;
    this.relay = relay;
  }

  /** Returns true when the desk consumed the message; false for other plugins' commands. */
  boolean onMessage(AgentPool.Agent agent, Message message) {
    String currentBefore = agent.current;
    if (!agent.online) {
      agent.online = true; // they are writing to us, so they are online
      handoffs.dispatchQueue();
    }
    String text = message.text();
    if (message.elements().size() == 1 && AgentCommands.isCommand(text)) {
      String reply = commands.run(agent, text);
      if (!reply.isEmpty()) {
        d.say(agent.spec.id(), reply);
      }
      d.journal.stateChanged();
      return true;
    }
    if (text.trim().startsWith("/") && message.elements().size() == 1) {
      return false; // another plugin's command (e.g. /faq-reload): let the bot handle it
    }
    if (currentBefore == null && agent.current != null) {
      // Coming online just gave them a customer; this message was written before they knew.
      d.say(agent.spec.id(), "You now have " + agent.current + "; please send that again if it was for them.");
      return true;
    }
    LiveSession session = agent.current == null ? null : d.sessions.get(agent.current);
    if (session == null) {
      d.say(agent.spec.id(), "You have no active customer. " + AgentCommands.HELP);
      return true;
    }
    relay.relay(session.sessionId, agent.spec.id(), session.customer, message, message.elements());
    d.history.add(session.customer, agent.spec.id(), message.msgKey(), message.elements());
    d.journal.transcript(session.sessionId, "agent", agent.spec.id(), session.customer, message.msgKey(),
        message.elements());
    d.sessions.touch(session);
    d.journal.stateChanged();
    return true;
  }

  String acceptNext(AgentPool.Agent agent) {
    if (!agent.hasCapacity()) {
      return "You are already serving " + agent.customers.size() + " customers (your maximum).";
    }
    Optional<DeskState.QueuedCustomer> next = d.waiting.firstFor(agent);
    if (next.isEmpty()) {
      return "Nobody is waiting.";
    }
    d.waiting.remove(next.get().customer());
    handoffs.assign(next.get().customer(), agent, next.get().group(), next.get().requestedAt());
    handoffs.notifyPositions();
    return "";
  }

  String transfer(String customer, String fromAgent, String target) {
    LiveSession s = d.sessions.get(customer);
    AgentPool.Agent targetAgent = d.agents.get(target);
    if (targetAgent != null) {
      if (target.equals(fromAgent)) {
        return "That is you.";
      }
      if (!targetAgent.available(null)) {
        return target + " is not available; try a group instead.";
      }
      handoffs.close(s, "transferred to " + target);
      d.say(customer, d.texts.transferred());
      handoffs.assign(customer, targetAgent, s.group, s.requestedAt);
      return "Transferred " + customer + " to " + target + ".";
    }
    if (!d.agents.knowsGroup(target)) {
      return "No agent or group called '" + target + "'.";
    }
    handoffs.close(s, "transferred to group " + target);
    d.say(customer, d.texts.transferred());
    handoffs.enqueue(new DeskState.QueuedCustomer(customer, target, d.policy.priorityOf(customer), true,
        s.requestedAt, d.clock.now(), d.next()));
    return "Transferred " + customer + " to group " + target + ".";
  }

  void end(String customer, String reason) {
    handoffs.end(customer, reason);
  }

  void ready() {
    handoffs.dispatchQueue();
  }

  void note(String customer, String agent, String text) {
    LiveSession s = d.sessions.get(customer);
    s.notes.add(text);
    d.journal.transcript(s.sessionId, "note", agent, null, null, List.of(TextElem.of(text)));
  }

  List<String> history(String customer) {
    return d.history.of(customer);
  }

  int queueLength() {
    return d.waiting.size();
  }
}
