package dev.timbot.plugins.service;

import dev.timbot.message.TextElem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The life of a handoff: asked for (or offered after misses), assigned to an agent or queued,
 * moved when the agent goes offline or transfers, ended (with one rating card), timed out. Runs
 * under the desk's lock; the desk's timers call in holding it.
 */
final class Handoffs {
  private final DeskParts d;

  Handoffs(DeskParts d) {
    this.d = d;
  }

  /** Asks for a human for {@code customer}; {@code group} may be null for any agent. */
  void request(String customer, String group) {
    if (d.sessions.has(customer)) {
      d.say(customer, d.texts.alreadyServed());
      return;
    }
    if (d.waiting.contains(customer)) {
      d.say(customer, DeskTexts.fill(d.texts.queued(), "position", d.waiting.position(customer)));
      return;
    }
    d.offers.clear(customer);
    d.leftMessages.close(customer);
    Instant now = d.clock.now();
    if (!d.open.getAsBoolean()) {
      result("out_of_hours");
      leave(customer, d.texts.outOfHours());
      return;
    }
    if (!d.agents.anyOnline(group)) {
      result("no_agent");
      leave(customer, d.texts.noAgentOnline());
      return;
    }
    Optional<AgentPool.Agent> agent = d.policy.pick(group);
    if (agent.isPresent()) {
      result("assigned");
      assign(customer, agent.get(), group, now);
    } else {
      result("queued");
      enqueue(new DeskState.QueuedCustomer(customer, group, d.policy.priorityOf(customer), false, now, now, d.next()));
    }
    d.journal.stateChanged();
  }

  /** The bot missed again: after enough misses a person is offered (or, configured so, assigned). */
  void missed(String customer) {
    if (d.agents.isAgent(customer) || !d.offers.miss(customer)) { // agents are never offered a human
      return;
    }
    if (d.config.offerHandoff()) {
      d.offers.offer(customer);
      d.say(customer, d.texts.handoffOffer());
    } else {
      request(customer, null);
    }
  }

  /** {@code agent} went offline: their customers go back to the front of the queue. */
  void agentOffline(AgentPool.Agent agent) {
    for (String customer : new ArrayList<>(agent.customers)) {
      LiveSession s = d.sessions.get(customer);
      close(s, "agent went offline");
      d.say(customer, d.texts.agentWentOffline());
      enqueue(new DeskState.QueuedCustomer(customer, s.group, d.policy.priorityOf(customer), true,
          s.requestedAt, d.clock.now(), d.next()));
    }
  }

  void assign(String customer, AgentPool.Agent agent, String group, Instant requestedAt) {
    Instant now = d.clock.now();
    LiveSession s = new LiveSession("s-" + now.toEpochMilli() + "-" + d.next(), customer,
        agent.spec.id(), group, requestedAt, now);
    agent.customers.add(customer);
    // Never move an agent's conversation under their fingers: a reply meant for the customer
    // they are talking to must not reach the new one.
    boolean becomesCurrent = agent.current == null;
    if (becomesCurrent) {
      agent.current = customer;
    }
    long waited = Duration.between(requestedAt, now).getSeconds();
    d.meters.timer("timbot.service.wait").record(Duration.between(requestedAt, now));
    d.meters.counter("timbot.service.sessions", "agent", agent.spec.id()).increment();
    d.say(customer, DeskTexts.fill(d.texts.assignedToCustomer(), "agent", agent.spec.id()));
    List<String> context = d.history.of(customer);
    String recent = context.isEmpty() ? "" : "\nRecent:\n"
        + String.join("\n", context.subList(Math.max(0, context.size() - 5), context.size()));
    d.say(agent.spec.id(), DeskTexts.fill(d.texts.assignedToAgent(), "customer", customer, "wait", waited) + recent
        + (becomesCurrent ? "" : "\nYou are still talking to " + agent.current + "; /switch " + customer
            + " to answer " + customer + "."));
    d.journal.transcript(s.sessionId, "system", null, null, null, List.of(TextElem.of("assigned to " + agent.spec.id())));
    d.sessions.open(s);
  }

  /** Ends {@code customer}'s session, tells both sides, and asks for a rating (one card). */
  void end(String customer, String reason) {
    LiveSession s = d.sessions.get(customer);
    if (s == null) {
      return;
    }
    close(s, reason);
    d.say(customer, d.texts.endedForCustomer());
    Instant expires = d.clock.now().plus(d.config.ratingValidity());
    d.ratings.open(new DeskState.PendingRating(s.sessionId, customer, s.agent, expires, false));
    // One prompt: the card carries the "reply 1–5" text for clients that cannot show cards.
    d.sender.say(customer, List.of(RatingCard.menu(s.sessionId, d.texts.ratingPrompt(), expires,
        (int) Math.max(1, d.config.ratingValidity().toHours()))));
    d.say(s.agent, DeskTexts.fill(d.texts.endedForAgent(), "customer", customer));
    dispatchQueue();
    d.journal.stateChanged();
  }

  /** Removes a session and writes its record; the caller decides what to tell whom. */
  void close(LiveSession s, String reason) {
    d.sessions.close(s);
    AgentPool.Agent a = d.agents.get(s.agent);
    if (a != null) {
      a.customers.remove(s.customer);
      if (s.customer.equals(a.current)) {
        a.current = a.customers.isEmpty() ? null : a.customers.iterator().next();
        if (a.current != null) {
          d.say(a.spec.id(), "Now talking to " + a.current + ".");
        }
      }
    }
    Instant now = d.clock.now();
    d.journal.sessionEnded(new SessionRecord(s.sessionId, s.customer, s.agent, s.group, s.requestedAt,
        s.startedAt, now, Duration.between(s.requestedAt, s.startedAt).getSeconds(), reason, null, s.notes));
    d.journal.transcript(s.sessionId, "system", null, null, null, List.of(TextElem.of("ended: " + reason)));
  }

  /**
   * The inactivity timer of {@code customer}'s session fired: remind once, then close. It may have
   * been armed for an older state (another process's, or before a touch), so what is due is
   * decided here, from the session as it is now.
   */
  void inactive(String customer) {
    LiveSession s = d.sessions.get(customer);
    if (s == null) {
      return;
    }
    Instant now = d.clock.now();
    if (!now.isBefore(s.lastActivity.plus(d.config.inactivityClose()))) {
      end(s.customer, "inactive for " + d.config.inactivityClose().toMinutes() + " min");
      return;
    }
    if (!s.reminded && !now.isBefore(s.lastActivity.plus(d.config.inactivityReminder()))) {
      s.reminded = true;
      long left = d.config.inactivityClose().minus(d.config.inactivityReminder()).toMinutes();
      d.say(s.customer, DeskTexts.fill(d.texts.reminder(), "minutes", left));
      d.journal.stateChanged();
    }
    d.sessions.schedule(s); // the next deadline (or the real one, when this timer was early)
  }

  void enqueue(DeskState.QueuedCustomer entry) {
    int position = d.waiting.add(entry);
    d.say(entry.customer(), DeskTexts.fill(d.texts.queued(), "position", position));
    dispatchQueue();
    notifyPositions();
  }

  /** Assigns waiting customers to agents who can take them. */
  void dispatchQueue() {
    boolean changed = false;
    for (DeskState.QueuedCustomer q : d.waiting.entries()) {
      Optional<AgentPool.Agent> agent = d.policy.pick(q.group());
      if (agent.isPresent()) {
        d.waiting.remove(q.customer());
        assign(q.customer(), agent.get(), q.group(), q.requestedAt());
        changed = true;
      }
    }
    if (changed) {
      notifyPositions();
    }
  }

  /** Tells each waiting customer their new position when it moved. */
  void notifyPositions() {
    d.waiting.moved().forEach(m -> d.say(m.customer(), DeskTexts.fill(d.texts.positionUpdate(), "position", m.position())));
  }

  /** {@code customer} waited too long: they are asked to leave a message. */
  void queueTimedOut(String customer) {
    Optional<DeskState.QueuedCustomer> entry = d.waiting.entry(customer);
    if (entry.isEmpty()) {
      return;
    }
    if (d.clock.now().isBefore(d.waiting.deadline(entry.get()))) {
      d.waiting.rearm(entry.get()); // armed for an older place in the queue
      return;
    }
    d.waiting.remove(customer);
    d.meters.counter("timbot.service.queue.timeouts").increment();
    leave(customer, d.texts.queueTimeout());
    notifyPositions();
  }

  private void leave(String customer, String text) {
    d.leftMessages.open(customer);
    d.say(customer, text);
    d.journal.stateChanged();
  }

  private void result(String result) {
    d.meters.counter("timbot.service.handoffs", "result", result).increment();
  }
}
