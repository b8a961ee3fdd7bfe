package dev.timbot;

import java.util.Optional;
import java.util.function.Predicate;
import dev.timbot.message.Message;

/**
 * A desk of human agents that customers can be handed to. Provided by the customer-service
 * plugin; the FAQ tells it when it answered or gave up, auto-reply never greets its agents, and
 * the call relay rings the agent who owns a chat.
 */
public interface HumanHandoff {

  /** Whether {@code userId} is one of the desk's agents (agents are never treated as customers). */
  boolean isAgent(String userId);

  /** Whether {@code agent} is online and ready to take a chat or a call. */
  boolean isAvailable(String agent);

  /** The agent who owns {@code customer}'s chat now, if any. */
  Optional<String> agentOf(String customer);

  /** The bot answered {@code customer} itself (resets the count of misses). */
  void botAnswered(String customer);

  /** The bot could not answer {@code customer}; after enough misses the desk offers a person. */
  void botGaveUp(String customer);

  /** Messages that go on to handlers even while an agent owns the chat (e.g. call signals). */
  void letThrough(Predicate<Message> messages);
}
