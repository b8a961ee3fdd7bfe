package dev.timbot.plugins.calls;

import dev.timbot.HumanHandoff;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ties the relay to a human desk when one is installed: an agent may be rung when the desk says
 * they are online and ready, and a customer who is chatting with an agent is put through to that
 * agent. The desk is looked up per call, so plugin start order does not matter.
 */
final class DeskAgentDirectory implements AgentDirectory {
  private final Supplier<Optional<HumanHandoff>> desk;

  DeskAgentDirectory(Supplier<Optional<HumanHandoff>> desk) {
    this.desk = desk;
  }

  @Override
  public boolean available(String agent) {
    return desk.get().map(d -> !d.isAgent(agent) || d.isAvailable(agent)).orElse(true);
  }

  @Override
  public Optional<String> ownerOf(String customer) {
    return desk.get().flatMap(d -> d.agentOf(customer));
  }
}
