package dev.timbot.plugins.calls;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls in the bot's store, shared by every process of the app (namespace {@value #NAMESPACE}),
 * one small record per call and no lock:
 *
 * <ul>
 *   <li>{@code call/<customer>} — the call ({@link CallJson}); changed only by compare-and-set
 *       against the bytes read, so of two processes changing one call, one wins and the other
 *       runs its operation again on what won;
 *   <li>{@code agent/<agent>} — {@code <customer> NUL <call id> NUL <claimed at, ms>}: the call the
 *       agent rings or talks in, taken by compare-and-set, so two calls never ring one agent. A
 *       claim whose call does not engage the agent (a process died before giving it back) is taken
 *       over once it is {@link #CLAIM_GRACE} old — younger, its call may be being saved;
 *   <li>{@code leg/<invitation id>} — the customer whose call sent that invitation to an agent
 *       (signaling answers name it).
 * </ul>
 *
 * Every key lives {@code ttl} after its last write (longer than any call), so nothing is left
 * behind by a process that died. The call's timer is the store's durable timer {@code
 * calls:<customer>/<call id>}: it fires in one process, also when the one that armed it died.
 */
final class SharedCallBook implements CallBook {
  private static final Logger log = LoggerFactory.getLogger(SharedCallBook.class);
  /** The namespace in the bot's store. */
  static final String NAMESPACE = "calls.relay";
  static final String CALL = "call/";
  static final String AGENT = "agent/";
  static final String LEG = "leg/";

  /** How long a claim counts although its call does not (yet) engage the agent. */
  static final Duration CLAIM_GRACE = Duration.ofSeconds(10);

  private final Supplier<Store.KeyedState> kv;
  private final Supplier<Store.TimerStore> timers;
  private final Duration ttl;
  private final BotClock clock;

  SharedCallBook(Supplier<Store.KeyedState> kv, Supplier<Store.TimerStore> timers, Duration ttl, BotClock clock) {
    this.kv = kv;
    this.clock = clock;
    this.timers = timers;
    this.ttl = ttl;
  }

  /** The durable timer of a call; its payload is the customer. */
  static String timerKey(RelayedCall call) {
    return CallRelay.TIMER_PREFIX + call.customer() + "/" + call.id();
  }

  @Override
  public RelayedCall call(String customer) {
    byte[] bytes = kv.get().get(CALL + customer).orElse(null);
    if (bytes == null) {
      return null;
    }
    try {
      return CallJson.decode(bytes);
    } catch (RuntimeException e) {
      // Not ours to repair by guessing: the record ends with its time to live.
      log.error("the stored call of {} is unreadable; treated as none: {}", customer, e.toString());
      return null;
    }
  }

  @Override
  public RelayedCall callOf(String agent) {
    return live(agent, kv.get().get(AGENT + agent).orElse(null));
  }

  /** The call a claim stands for, when it engages the agent; null for no claim or a stale one. */
  private RelayedCall live(String agent, byte[] claim) {
    String[] parts = parts(claim);
    if (parts == null) {
      return null;
    }
    RelayedCall call = call(parts[0]);
    return call != null && call.id().equals(parts[1]) && call.engages(agent) ? call : null;
  }

  /** Whether a claim still holds the agent: its call engages them, or it is too young to tell. */
  private boolean holds(String agent, byte[] claim) {
    String[] parts = parts(claim);
    if (parts == null) {
      return false;
    }
    long at;
    try {
      at = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
    } catch (NumberFormatException e) {
      at = 0;
    }
    return clock.now().toEpochMilli() - at < CLAIM_GRACE.toMillis() || live(agent, claim) != null;
  }

  @Override
  public RelayedCall callOfLeg(String legId) {
    String customer = text(kv.get().get(LEG + legId).orElse(null));
    return customer == null ? null : call(customer);
  }

  @Override
  public boolean claim(RelayedCall call, RelayedCall.Leg leg) {
    Store.KeyedState state = kv.get();
    String key = AGENT + leg.agent();
    byte[] current = state.get(key).orElse(null);
    if (current != null && !isFor(current, call) && holds(leg.agent(), current)) {
      return false;
    }
    byte[] mine = (call.customer() + "\0" + call.id() + "\0" + clock.now().toEpochMilli()).getBytes(StandardCharsets.UTF_8);
    if (!state.replace(key, current, mine, ttl)) {
      return false; // another call took the agent just now
    }
    if (!leg.legId().isEmpty()) {
      state.put(LEG + leg.legId(), call.customer().getBytes(StandardCharsets.UTF_8), ttl);
    }
    return true;
  }

  @Override
  public void release(RelayedCall call, String agent) {
    Store.KeyedState state = kv.get();
    byte[] current = state.get(AGENT + agent).orElse(null);
    if (current != null && isFor(current, call)) {
      state.replace(AGENT + agent, current, null, null); // lost only to a newer claim: fine
    }
  }

  @Override
  public boolean save(RelayedCall call) {
    String key = CALL + call.customer();
    if (call.state == RelayedCall.State.ENDED) {
      return call.stored == null || kv.get().replace(key, call.stored, null, null);
    }
    byte[] bytes = CallJson.encode(call);
    if (call.stored != null && java.util.Arrays.equals(bytes, call.stored)) {
      return true; // nothing changed (a late or stray signal answered): nothing to write
    }
    if (!kv.get().replace(key, call.stored, bytes, ttl)) {
      return false;
    }
    call.stored = bytes;
    return true;
  }

  @Override
  public void arm(RelayedCall call, Instant at) {
    if (at == null) {
      timers.get().cancel(timerKey(call));
    } else {
      timers.get().schedule(timerKey(call), at, call.customer().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public List<RelayedCall> live() {
    List<RelayedCall> out = new ArrayList<>();
    for (String key : kv.get().keys(CALL)) {
      RelayedCall call = call(key.substring(CALL.length()));
      if (call != null) {
        out.add(call);
      }
    }
    return out;
  }

  @Override
  public boolean shared() {
    return true;
  }

  private static boolean isFor(byte[] claim, RelayedCall call) {
    String[] parts = parts(claim);
    return parts != null && parts[0].equals(call.customer()) && parts[1].equals(call.id());
  }

  /** customer, call id, claimed at (ms); null for no claim or one this relay did not write. */
  private static String[] parts(byte[] claim) {
    String[] parts = claim == null ? null : text(claim).split("\0", -1);
    return parts == null || parts.length < 2 ? null : parts;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
