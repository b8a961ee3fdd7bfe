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
 * the close). Guarded by the desk's lock; the timer callback takes that lock itself and is given
 * the customer, not the session: the session it was armed for may have been replaced since (a
 * newer state read from a shared store), so the callback looks it up and checks it is due.
 */
final class Sessions {
  private final Map<String, LiveSession> byCustomer = new LinkedHashMap<>();
  private final BotClock clock;
  private final ServiceConfig config;
  private final Consumer<String> onInactivity;

  Sessions(BotClock clock, ServiceConfig config, Consumer<String> onInactivity) {
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
    s.timer = clock.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> onInactivity.accept(s.customer));
  }

  List<LiveSession> all() {
    return new ArrayList<>(byCustomer.values());
  }

  int size() {
    return byCustomer.size();
  }

  /** Forgets every session (their timers too), before a newer state is applied. */
  void clear() {
    cancelTimers();
    byCustomer.clear();
  }

  void cancelTimers() {
    byCustomer.values().forEach(s -> {
      if (s.timer != null) {
        s.timer.cancel();
      }
    });
  }
}
