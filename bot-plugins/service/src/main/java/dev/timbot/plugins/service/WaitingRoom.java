package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Customers waiting for an agent: the {@link WaitingQueue}'s order, a timeout per customer, and
 * the position each was last told (so only a moved position is announced). Guarded by the
 * desk's lock; the timeout callback takes that lock itself.
 */
final class WaitingRoom {
  /** A customer whose position changed since they were last told. */
  record Moved(String customer, int position) {}

  private final WaitingQueue queue = new WaitingQueue();
  private final Map<String, BotClock.Timer> timers = new HashMap<>();
  private final Map<String, Integer> told = new HashMap<>();
  private final BotClock clock;
  private final Duration timeout;
  private final Consumer<String> onTimeout;
  private final AtomicInteger gauge;

  WaitingRoom(BotClock clock, Duration timeout, Consumer<String> onTimeout, AtomicInteger gauge) {
    this.clock = clock;
    this.timeout = timeout;
    this.onTimeout = onTimeout;
    this.gauge = gauge;
  }

  /** Queues {@code entry}; returns the position they are told. */
  int add(DeskState.QueuedCustomer entry) {
    queue.add(entry);
    gauge.set(queue.size());
    BotClock.Timer old = timers.put(entry.customer(), clock.schedule(timeout, () -> onTimeout.accept(entry.customer())));
    if (old != null) {
      old.cancel();
    }
    int position = queue.position(entry.customer());
    told.put(entry.customer(), position);
    return position;
  }

  /**
   * Puts back a customer from the saved state, with what is left of their timeout and the
   * position they were last told (null: unknown).
   */
  void restore(DeskState.QueuedCustomer q, Integer toldPosition) {
    queue.add(q);
    gauge.set(queue.size());
    if (toldPosition != null) {
      told.put(q.customer(), toldPosition);
    }
    rearm(q);
  }

  /** Arms {@code q}'s timeout again for what is left of it. */
  void rearm(DeskState.QueuedCustomer q) {
    Duration left = Duration.between(clock.now(), deadline(q));
    BotClock.Timer old = timers.put(q.customer(),
        clock.schedule(left.isNegative() ? Duration.ZERO : left, () -> onTimeout.accept(q.customer())));
    if (old != null) {
      old.cancel();
    }
  }

  /** When {@code q} times out. */
  Instant deadline(DeskState.QueuedCustomer q) {
    return q.enqueuedAt().plus(timeout);
  }

  /** {@code customer}'s place in the queue, if they wait. */
  Optional<DeskState.QueuedCustomer> entry(String customer) {
    return queue.entries().stream().filter(q -> q.customer().equals(customer)).findFirst();
  }

  /** The positions customers were last told, for the saved state. */
  Map<String, Integer> told() {
    return Map.copyOf(told);
  }

  /** Forgets everyone (their timers too), before a newer state is applied. */
  void clear() {
    cancelTimers();
    for (DeskState.QueuedCustomer q : queue.entries()) {
      queue.remove(q.customer());
    }
    told.clear();
    gauge.set(0);
  }

  void remove(String customer) {
    queue.remove(customer);
    gauge.set(queue.size());
    told.remove(customer);
    BotClock.Timer t = timers.remove(customer);
    if (t != null) {
      t.cancel();
    }
  }

  boolean contains(String customer) {
    return queue.contains(customer);
  }

  int position(String customer) {
    return queue.position(customer);
  }

  Optional<DeskState.QueuedCustomer> firstFor(AgentPool.Agent agent) {
    return queue.firstFor(agent);
  }

  List<DeskState.QueuedCustomer> entries() {
    return queue.entries();
  }

  int size() {
    return queue.size();
  }

  /** The customers whose position moved since they were told, now marked as told. */
  List<Moved> moved() {
    List<Moved> out = new ArrayList<>();
    for (DeskState.QueuedCustomer q : queue.entries()) {
      int position = queue.position(q.customer());
      Integer before = told.put(q.customer(), position);
      if (before != null && before != position) {
        out.add(new Moved(q.customer(), position));
      }
    }
    return out;
  }

  void cancelTimers() {
    timers.values().forEach(BotClock.Timer::cancel);
    timers.clear();
  }
}
