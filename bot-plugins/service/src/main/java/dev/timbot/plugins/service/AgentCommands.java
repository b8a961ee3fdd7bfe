package dev.timbot.plugins.service;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The commands an agent types in their chat with the bot: {@code /ready}, {@code /away}, {@code
 * /accept}, {@code /list}, {@code /switch <customer>}, {@code /end}, {@code /transfer
 * <agent|group>}, {@code /note <text>}, {@code /history}. Runs under the desk's lock.
 */
final class AgentCommands {
  static final List<String> NAMES =
      List.of("/ready", "/away", "/accept", "/list", "/switch", "/end", "/transfer", "/note", "/history");
  static final String HELP = "Commands: /ready /away /accept /list /switch <customer> /end "
      + "/transfer <agent|group> /note <text> /history";

  private final AgentSide side;

  AgentCommands(AgentSide side) {
    this.side = side;
  }

  static boolean isCommand(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return NAMES.stream().anyMatch(n -> t.equals(n) || t.startsWith(n + " "));
  }

  /** Runs {@code text} for {@code agent}; returns the answer to send them (may be empty). */
  String run(AgentPool.Agent agent, String text) {
    String t = text.trim();
    int space = t.indexOf(' ');
    String name = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
    String arg = space < 0 ? "" : t.substring(space + 1).trim();
    String id = agent.spec.id();
    switch (name) {
      case "/ready":
        agent.ready = true;
        side.ready();
        return "You are ready for customers.";
      case "/away":
        agent.ready = false;
        return "You are away: no new customers will be assigned.";
      case "/accept":
        return side.acceptNext(agent);
      case "/list":
        return list(agent);
      case "/switch":
        if (!agent.customers.contains(arg)) {
          return "You are not serving '" + arg + "'. " + list(agent);
        }
        agent.current = arg;
        return "Now talking to " + arg + ".";
      case "/end":
        if (agent.current == null) {
          return "You have no active customer.";
        }
        side.end(agent.current, "ended by agent");
        return "";
      case "/transfer":
        if (agent.current == null) {
          return "You have no active customer to transfer.";
        }
        if (arg.isEmpty()) {
          return "Usage: /transfer <agent|group>";
        }
        return side.transfer(agent.current, id, arg);
      case "/note":
        if (agent.current == null) {
          return "You have no active customer.";
        }
        if (arg.isEmpty()) {
          return "Usage: /note <text>";
        }
        side.note(agent.current, id, arg);
        return "Note saved.";
      case "/history":
        if (agent.current == null) {
          return "You have no active customer.";
        }
        List<String> lines = side.history(agent.current);
        return lines.isEmpty() ? "No history yet." : "History of " + agent.current + ":\n" + String.join("\n", lines);
      default:
        return HELP;
    }
  }

  private String list(AgentPool.Agent agent) {
    String serving = agent.customers.isEmpty() ? "none" : agent.customers.stream()
        .map(c -> c.equals(agent.current) ? c + " (current)" : c)
        .collect(Collectors.joining(", "));
    return "Serving: " + serving + ". Waiting in queue: " + side.queueLength() + ". "
        + (agent.ready ? "You are ready." : "You are away.");
  }
}
