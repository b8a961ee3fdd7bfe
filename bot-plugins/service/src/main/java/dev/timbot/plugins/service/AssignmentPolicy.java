package dev.timbot.plugins.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who serves whom: the least busy ready agent of the requested group (ties by configuration
 * order), and a customer's queue priority from the first matching rule (0 without one).
 */
final class AssignmentPolicy {
  private final AgentPool agents;
  private final List<Map.Entry<Pattern, Integer>> priorityRules;

  AssignmentPolicy(ServiceConfig config) {
    this.agents = new AgentPool(config.agents(), config.defaultMaxConcurrent());
    this.priorityRules = config.priorityRules().stream()
        .map(r -> Map.entry(Pattern.compile(r.account()), r.priority())).toList();
  }

  AgentPool agents() {
    return agents;
  }

  Optional<AgentPool.Agent> pick(String group) {
    return agents.leastBusy(group);
  }

  int priorityOf(String customer) {
    for (Map.Entry<Pattern, Integer> r : priorityRules) {
      if (r.getKey().matcher(customer).matches()) {
        return r.getValue();
      }
    }
    return 0;
  }
}
