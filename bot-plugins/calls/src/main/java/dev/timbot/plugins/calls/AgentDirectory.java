package dev.timbot.plugins.calls;

import java.util.Optional;

/**
 * Who may be rung. The default says every agent is available; the customer-service plugin
 * supplies one that knows who is online and ready, and which agent owns a customer's chat.
 */
public interface AgentDirectory {
  AgentDirectory ALL_AVAILABLE = new AgentDirectory() {};

  /** Whether {@code agent} may be rung now (online, ready). Busy-in-a-call is tracked by the relay. */
  default boolean available(String agent) {
    return true;
  }

  /** The agent who owns {@code customer}'s chat, if any: that agent is rung first and alone. */
  default Optional<String> ownerOf(String customer) {
    return Optional.empty();
  }
}
