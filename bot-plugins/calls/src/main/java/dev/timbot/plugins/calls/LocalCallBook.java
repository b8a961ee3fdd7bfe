package dev.timbot.plugins.calls;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The calls of one process, in memory, with one clock timer per call: a save never conflicts
 * (the relay runs one operation at a time), and nothing survives the process.
 */
final class LocalCallBook implements CallBook {
  private final BotClock clock;
  private final Consumer<String> due;
  private final Map<String, RelayedCall> byCustomer = new HashMap<>();
  private final Map<String, RelayedCall> byAgent = new HashMap<>();
  private final Map<String, RelayedCall> byLegId = new HashMap<>();
  private final Map<String, BotClock.Timer> timers = new HashMap<>();

  /** @param due runs when a customer's call has something due (on the clock's thread) */
  LocalCallBook(BotClock clock, Consumer<String> due) {
    this.clock = clock;
    this.due = due;
  }

  @Override
  public RelayedCall call(String customer) {
    return byCustomer.get(customer);
  }

  @Override
  public RelayedCall callOf(String agent) {
    return byAgent.get(agent);
  }

  @Override
  public RelayedCall callOfLeg(String legId) {
    return byLegId.get(legId);
  }

  @Override
  public boolean claim(RelayedCall call, RelayedCall.Leg leg) {
    RelayedCall other = byAgent.putIfAbsent(leg.agent(), call);
    if (other != null && other != call) {
      return false;
    }
    if (!leg.legId().isEmpty()) {
      byLegId.put(leg.legId(), call);
    }
    return true;
  }

  @Override
  public void release(RelayedCall call, String agent) {
    byAgent.remove(agent, call);
  }

  @Override
  public boolean save(RelayedCall call) {
    if (call.state == RelayedCall.State.ENDED) {
      byCustomer.remove(call.customer(), call);
      for (RelayedCall.Leg leg : call.legs.values()) {
        byAgent.remove(leg.agent(), call);
        byLegId.remove(leg.legId());
      }
    } else {
      byCustomer.put(call.customer(), call);
    }
    return true;
  }

  @Override
  public void arm(RelayedCall call, Instant at) {
    BotClock.Timer old = timers.remove(call.customer());
    if (old != null) {
      old.cancel();
    }
    if (at != null) {
      Duration in = Duration.between(clock.now(), at);
      timers.put(call.customer(), clock.schedule(in.isNegative() ? Duration.ZERO : in, () -> due.accept(call.customer())));
    }
  }

  @Override
  public List<RelayedCall> live() {
    return new ArrayList<>(byCustomer.values());
  }

  @Override
  public boolean shared() {
    return false;
  }
}
