package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers who were asked to leave a message (no agent, out of hours, queue timeout): for {@link
 * #WINDOW} what they write is recorded for the team instead of answered by the bot.
 */
final class LeftMessages {
  /** How long a customer stays in leave-a-message mode after being asked to leave one. */
  static final Duration WINDOW = Duration.ofMinutes(30);

  private final Map<String, Instant> since = new HashMap<>();
  private final BotClock clock;

  LeftMessages(BotClock clock) {
    this.clock = clock;
  }

  void open(String customer) {
    since.put(customer, clock.now());
  }

  void restore(DeskState.Leaving l) {
    since.put(l.customer(), l.since());
  }

  void close(String customer) {
    since.remove(customer);
  }

  boolean isOpen(String customer) {
    Instant s = since.get(customer);
    if (s == null) {
      return false;
    }
    if (clock.now().isAfter(s.plus(WINDOW))) {
      since.remove(customer);
      return false;
    }
    return true;
  }

  /** Forgets every window, before a newer state is applied. */
  void clear() {
    since.clear();
  }

  /** The windows still open (closed ones are dropped), for the saved state. */
  List<DeskState.Leaving> snapshot() {
    Instant now = clock.now();
    since.values().removeIf(s -> now.isAfter(s.plus(WINDOW)));
    return since.entrySet().stream().map(e -> new DeskState.Leaving(e.getKey(), e.getValue())).toList();
  }
}
