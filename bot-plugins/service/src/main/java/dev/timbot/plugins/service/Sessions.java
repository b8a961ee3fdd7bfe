package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sessions in progress, one per customer, each with its inactivity timer (a reminder first, then
 * the close). Guarded by the desk's lock; the timer callback takes that lock itself.
 */
final class Sessions {
  private final Map<String, LiveSession> byCustomer = new LinkedHashMap<>();
  private final BotClock clock;
  private final ServiceConfig config;
  private final Consumer<LiveSession> onInactivity;

  Sessions(BotClock clock, ServiceConfig config, Consumer<LiveSession> onInactivity) {
    this.clock = clock;
    this.config = config;
    this.onInactivity = onInactivity;
  }

  LiveSession get(String customer) {
    return byCustomer.get(customer);
  }

  boolean has(String customer) {
    return byCustomer.containsKey(customer);
  }

  /** Whether {@code s} is still the open session of its customer (a late timer may hold an old one). */
  boolean isCurrent(LiveSession s) {
    return byCustomer.get(s.customer) == s;
  }

  void open(LiveSession s) {
    byCustomer.put(s.customer, s);
    schedule(s);
  }

  void close(LiveSession s) {
    byCustomer.remove(s.customer);
    if (s.timer != null) {
      s.timer.cancel();
    }
  }

  /** Something was said: the inactivity clock starts again. */
  void touch(LiveSession s) {
    s.lastActivity = clock.now();
    s.reminded = false;
    schedule(s);
  }

  void schedule(LiveSession s) {
    if (s.timer != null) {
      s.timer.cancel();
    }
    Duration wait = s.reminded ? config.inactivityClose() : config.inactivityReminder();
    Duration delay = Duration.between(clock.now(), s.lastActivity.plus(wait));
    s.timer = clock.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> onInactivity.accept(s));
  }

  List<LiveSession> all() {
    return new ArrayList<>(byCustomer.values());
  }

  int size() {
    return byCustomer.size();
  }

  void cancelTimers() {
    byCustomer.values().forEach(s -> {
      if (s.timer != null) {
        s.timer.cancel();
      }
    });
  }
}
