package dev.timbot.plugins.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Customers waiting for an agent, served by priority (9 first), then those put back at the
 * front (their agent went offline), then first come first served.
 */
final class WaitingQueue {
  private static final Comparator<DeskState.QueuedCustomer> ORDER =
      Comparator.comparingInt((DeskState.QueuedCustomer q) -> -q.priority())
          .thenComparing(q -> !q.front())
          .thenComparingLong(DeskState.QueuedCustomer::sequence);

  private final List<DeskState.QueuedCustomer> entries = new ArrayList<>();

  void add(DeskState.QueuedCustomer entry) {
    entries.add(entry);
    entries.sort(ORDER);
  }

  boolean remove(String customer) {
    return entries.removeIf(e -> e.customer().equals(customer));
  }

  boolean contains(String customer) {
    return entries.stream().anyMatch(e -> e.customer().equals(customer));
  }

  /** 1-based position, or 0 when not queued. */
  int position(String customer) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).customer().equals(customer)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The first waiting customer an agent of {@code groups} can serve. */
  Optional<DeskState.QueuedCustomer> firstFor(AgentPool.Agent agent) {
    return entries.stream().filter(e -> agent.inGroup(e.group())).findFirst();
  }

  List<DeskState.QueuedCustomer> entries() {
    return List.copyOf(entries);
  }

  int size() {
    return entries.size();
  }
}
