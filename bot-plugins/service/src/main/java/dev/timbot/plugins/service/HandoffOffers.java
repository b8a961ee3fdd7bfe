package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The bot's misses in a row per customer, and the "reply 1 to talk to a person" offers made after
 * too many. An offer stands for {@link #VALID}; only a bare "1" takes it up.
 */
final class HandoffOffers {
  static final Duration VALID = Duration.ofMinutes(10);

  private final Map<String, Integer> misses = new HashMap<>();
  private final Map<String, Instant> offered = new HashMap<>();
  private final BotClock clock;
  private final int threshold;

  HandoffOffers(BotClock clock, int threshold) {
    this.clock = clock;
    this.threshold = threshold;
  }

  /** Counts a miss; true when this one reaches the threshold (and the count starts again). */
  boolean miss(String customer) {
    int n = misses.merge(customer, 1, Integer::sum);
    if (threshold > 0 && n >= threshold) {
      misses.remove(customer);
      return true;
    }
    return false;
  }

  void hit(String customer) {
    misses.remove(customer);
  }

  void offer(String customer) {
    offered.put(customer, clock.now().plus(VALID));
  }

  /** Whether {@code text} takes up a standing offer (which is then used up). */
  boolean accepts(String customer, String text) {
    Instant until = offered.get(customer);
    if (until == null) {
      return false;
    }
    if (clock.now().isAfter(until)) {
      offered.remove(customer);
      return false;
    }
    String t = text.trim();
    if (t.equals("1") || t.equals("\uFF11")) {
      offered.remove(customer);
      return true;
    }
    return false;
  }

  /** Whether {@code customer} was offered a human (the offer may have lapsed). */
  boolean offered(String customer) {
    return offered.containsKey(customer);
  }

  void clear(String customer) {
    misses.remove(customer);
    offered.remove(customer);
  }
}
