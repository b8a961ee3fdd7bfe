package dev.timbot.plugins.service;

import dev.timbot.message.Message;
import java.util.Optional;

/**
 * A customer's message to the bot, as the desk sees it: relayed to their agent, answered with
 * their queue position, a rating, a handoff (asked for, or an offer taken up), or a left message.
 * Anything else goes on to the bot's other plugins. Runs under the desk's lock.
 */
final class CustomerSide {
  private final DeskParts d;
  private final Handoffs handoffs;
  private final DeskRelay relay;

  CustomerSide(DeskParts d, Handoffs handoffs, DeskRelay relay) {
    this.d = d;
    this.handoffs = handoffs;
    this.relay = relay;
  }

  /** Returns true when the desk consumed the message (the bot's other plugins stay silent). */
  boolean onMessage(String customer, Message message) {
    d.history.add(customer, customer, message.msgKey(), message.elements());
    LiveSession session = d.sessions.get(customer);
    if (session != null) {
      if (d.endPhrases.matches(message.text())) {
        handoffs.end(customer, "ended by customer");
        return true;
      }
      relay.relay(session.sessionId, customer, session.agent, message, DeskRelay.prefixed(customer, message.elements()));
      d.journal.transcript(session.sessionId, "customer", customer, session.agent, message.msgKey(), message.elements());
      d.sessions.touch(session);
      d.journal.stateChanged();
      return true;
    }
    if (d.waiting.contains(customer)) {
      if (d.endPhrases.matches(message.text())) {
        d.waiting.remove(customer);
        d.say(customer, d.texts.endedForCustomer());
        handoffs.dispatchQueue();
        d.journal.stateChanged();
      } else {
        // Never silence: they learn where they stand; the agent sees the message in /history.
        d.say(customer, DeskTexts.fill(d.texts.queued(), "position", d.waiting.position(customer)));
      }
      return true;
    }
    Optional<RatingCard.Answer> answer = RatingCard.parse(message);
    if (answer.isPresent() && d.ratings.answer(customer, answer.get(), d::say)) {
      return true;
    }
    if (d.handoffPhrases.matches(message.text()) || d.offers.accepts(customer, message.text())) {
      handoffs.request(customer, null);
      return true;
    }
    if (d.leftMessages.isOpen(customer)) {
      d.journal.messageLeft(customer, message.msgKey(), message.elements());
      d.say(customer, d.texts.messageLeft());
      return true;
    }
    return false;
  }
}
