package dev.timbot.internal.timers;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.TimerStore;
import dev.timbot.spi.Store.TimerStore.Due;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's one poller of the store's timers: every {@code interval} on the bot's clock (so a
 * virtual clock drives it in tests) it claims the timers that are due and hands each to the {@link
 * Owner} of its key's prefix, in the lane of the owner's conversation when it names one. A timer
 * is reported done once its owner ran it; an owner that throws is logged, and its timer done too
 * (a timer that fails every time must not fire forever).
 *
 * <p>Messages cost it nothing: only owners arm timers (an {@code ask} that is pending), and the
 * poll runs on the clock whether or not messages arrive.
 */
public final class DurableTimers {
  private static final Logger log = LoggerFactory.getLogger(DurableTimers.class);
  /** Timers claimed per store call; a full batch is followed at once by another. */
  static final int BATCH = 100;

  /** Runs the timers of one key prefix. */
  public interface Owner {
    /** The conversation whose lane runs {@code due}, or null for any thread. */
    String lane(Due due);

    /** Runs a due timer; once it returns the timer is reported done. */
    void fire(Due due);

    /** Called once when the store is open, before the first poll. */
    default void opened() {}
  }

  private final Supplier<TimerStore> store;
  private final BotClock clock;
  private final BiConsumer<String, Runnable> inLane;
  private final Duration interval;
  private final Duration lease;
  /** Longest prefix first. */
  private final Map<String, Owner> owners = new ConcurrentSkipListMap<>((a, b) ->
      a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b));
  private final Object lock = new Object();
  private BotClock.Timer next;
  private boolean running;

  /**
   * @param inLane runs a task in the lane of a conversation ID
   * @param interval how often to poll: how late a timer may fire
   * @param lease how long a claimed timer is this process's before it is due again
   */
  public DurableTimers(Supplier<TimerStore> store, BotClock clock, BiConsumer<String, Runnable> inLane,
      Duration interval, Duration lease) {
    this.store = store;
    this.clock = clock;
    this.inLane = inLane;
    this.interval = interval;
    this.lease = lease;
  }

  /** Makes {@code owner} run the timers whose key starts with {@code prefix}. */
  public void register(String prefix, Owner owner) {
    if (owners.putIfAbsent(prefix, owner) != null) {
      throw new IllegalStateException("timer prefix " + prefix + " has an owner already");
    }
  }

  /** Tells the owners the store is open, then polls now and every interval until {@link #stop}. */
  public void start() {
    owners.values().forEach(Owner::opened);
    try {
      store.get();
    } catch (UnsupportedOperationException e) {
      log.info("{}: nothing to poll", e.getMessage());
      return;
    }
    synchronized (lock) {
      running = true;
    }
    tick();
  }

  /** Stops polling; claimed timers not yet run are due again once their lease ends. */
  public void stop() {
    synchronized (lock) {
      running = false;
      if (next != null) {
        next.cancel();
        next = null;
      }
    }
  }

  private void tick() {
    try {
      pollNow();
    } catch (RuntimeException e) {
      log.warn("polling the store's timers failed (next try in {}): {}", interval, e.toString());
    }
    synchronized (lock) {
      if (running) {
        next = clock.schedule(interval, this::tick);
      }
    }
  }

  /** Claims what is due now and hands it out; returns how many timers were handed out. */
  public int pollNow() {
    int handed = 0;
    while (true) {
      synchronized (lock) {
        if (!running) {
          return handed;
        }
      }
      TimerStore timers = store.get();
      List<Due> due = timers.claimDue(clock.now(), lease, BATCH);
      for (Due d : due) {
        hand(timers, d);
      }
      handed += due.size();
      if (due.size() < BATCH) {
        return handed;
      }
    }
  }

  private void hand(TimerStore timers, Due due) {
    Owner owner = ownerOf(due.key());
    if (owner == null) {
      log.warn("timer {} has no owner in this bot (a component that is not installed?); dropped", due.key());
      timers.done(due.key(), due.claim());
      return;
    }
    Runnable run = () -> {
      try {
        owner.fire(due);
      } catch (RuntimeException e) {
        log.warn("timer {} failed", due.key(), e);
      }
      try {
        timers.done(due.key(), due.claim());
      } catch (RuntimeException e) {
        log.debug("timer {} could not be reported done (it fires again after its lease): {}", due.key(), e.toString());
      }
    };
    String lane = owner.lane(due);
    if (lane == null) {
      run.run();
    } else {
      inLane.accept(lane, run);
    }
  }

  private Owner ownerOf(String key) {
    for (Map.Entry<String, Owner> e : owners.entrySet()) {
      if (key.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
