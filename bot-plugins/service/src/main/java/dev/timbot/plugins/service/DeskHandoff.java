package dev.timbot.plugins.service;

import dev.timbot.HumanHandoff;
import dev.timbot.message.Message;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The desk as other plugins see it: the core {@link HumanHandoff} contract. */
final class DeskHandoff implements HumanHandoff {
  private final ServiceDesk desk;
  private final List<Predicate<Message>> letThrough;

  DeskHandoff(ServiceDesk desk, List<Predicate<Message>> letThrough) {
    this.desk = desk;
    this.letThrough = letThrough;
  }

  @Override
  public boolean isAgent(String userId) {
    return desk.isAgent(userId);
  }

  @Override
  public boolean isAvailable(String agent) {
    return desk.isAvailable(agent);
  }

  @Override
  public Optional<String> agentOf(String customer) {
    return desk.agentOf(customer);
  }

  @Override
  public void botAnswered(String customer) {
    desk.faqAnswered(customer);
  }

  @Override
  public void botGaveUp(String customer) {
    desk.faqGaveUp(customer);
  }

  @Override
  public void letThrough(Predicate<Message> messages) {
    letThrough.add(messages);
  }
}
