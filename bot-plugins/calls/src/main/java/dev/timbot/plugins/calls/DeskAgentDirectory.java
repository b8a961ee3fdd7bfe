package dev.timbot.plugins.calls;

import dev.timbot.plugins.service.ServiceDesk;
import java.util.Optional;

/**
 * Ties the relay to the customer-service desk: an agent may be rung when the desk says they are
 * online and ready, and a customer who is chatting with an agent is put through to that agent.
 */
final class DeskAgentDirectory implements AgentDirectory {
  private final ServiceDesk desk;

  DeskAgentDirectory(ServiceDesk desk) {
    this.desk = desk;
  }

  @Override
  public boolean available(String agent) {
    return !desk.isAgent(agent) || desk.isAvailable(agent);
  }

  @Override
  public Optional<String> ownerOf(String customer) {
    return desk.agentOf(customer);
  }
}
