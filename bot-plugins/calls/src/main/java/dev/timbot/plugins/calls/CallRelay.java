package dev.timbot.plugins.calls;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot as a service hotline: customers call the bot's account, the bot rings its ring group
 * of agents, and relays accept, reject, busy, cancel, timeout and hang-up between the two sides —
 * for both call protocols ({@link CallRules}). The IM service knows nothing of calls: they live in
 * a {@link CallBook} — this process's memory, or, with {@link Builder#shared}, the bot's store,
 * where every process of the app sees them (a customer's invitation and the agent's answer may be
 * handled by different processes) and each call's timer fires in one process, also after the one
 * that armed it died.
 *
 * <p>Every call ends in exactly one {@link CallRecord}. Thread-safe: one operation at a time in
 * this process; across processes, an operation whose call another process changed first is run
 * again on what that process saved, and says nothing before its own change is saved.
 */
public final class CallRelay {
  private static final Logger log = LoggerFactory.getLogger(CallRelay.class);
  /** The key prefix of the relay's durable timers in the bot's store (shared mode). */
  public static final String TIMER_PREFIX = "calls:";
  /** Attempts of one operation that keeps losing races before it is given up (logged). */
  static final int MAX_ATTEMPTS = 20;
  /** How soon a durable timer whose run met a store failure fires again. */
  static final Duration TIMER_RETRY = Duration.ofSeconds(5);

  private final CallTransport transport;
  private final MeterRegistry meters;
  private final CallBook book;
  private final CallRules rules;
  /** Arms a durable timer again soon (shared mode), after its run failed. */
  private final Consumer<Store.TimerStore.Due> retry;

  private CallRelay(Builder b) {
    String bot = Objects.requireNonNull(b.bot, "bot");
    CallRelayConfig config = Objects.requireNonNull(b.config, "config");
    this.transport = Objects.requireNonNull(b.transport, "transport");
    this.meters = b.meters;
    Store store = b.store;
    this.book = store == null ? new LocalCallBook(b.clock, this::onDue)
        : new SharedCallBook(() -> store.state(SharedCallBook.NAMESPACE), store::timers, recordTtl(config), b.clock);
    this.rules = new CallRules(bot, config, b.clock, book, b.directory, this::send,
        new CallRecorder(b.callLog, b.meters, b.listeners));
    BotClock clock = b.clock;
    this.retry = store == null ? due -> { }
        : due -> store.timers().schedule(due.key(), clock.now().plus(TIMER_RETRY), due.payload());
  }

  /** How long a shared call's keys outlive their last write: longer than any call rings and lasts. */
  private static Duration recordTtl(CallRelayConfig config) {
    Duration ring = config.legacyRingTimeout().compareTo(config.signalingDefaultTimeout()) > 0
        ? config.legacyRingTimeout() : config.signalingDefaultTimeout();
    return ring.plus(config.maxCallDuration()).plus(Duration.ofMinutes(10));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles a call signal that {@code from} sent to the bot. Returns false only for signals the
   * relay has nothing to do with (it logs them); every call-related signal is consumed.
   */
  public synchronized boolean onSignal(String from, CallSignal signal) {
    return attempt("signal " + signal.action() + " from " + from, ch -> rules.onSignal(from, signal, ch));
  }

  /**
   * A durable timer of the relay ({@link #TIMER_PREFIX}) is due: whatever is due in its call now
   * happens, once in the cluster (the call is re-read and its deadlines checked).
   */
  public synchronized void onTimer(Store.TimerStore.Due due) {
    String customer = new String(due.payload(), StandardCharsets.UTF_8);
    try {
      attempt("timer " + due.key(), ch -> {
        rules.onDue(customer, ch);
        return true;
      });
    } catch (RuntimeException e) {
      // The store failed mid-way (an outage): the timer is armed again for a few seconds on, so
      // that being reported done does not leave the call ringing with its agents taken.
      try {
        retry.accept(due);
      } catch (RuntimeException again) {
        e.addSuppressed(again); // still down: the timer's lease brings it back
      }
      throw e;
    }
  }

  private synchronized void onDue(String customer) {
    attempt("timer of " + customer + "'s call", ch -> {
      rules.onDue(customer, ch);
      return true;
    });
  }

  /**
   * The bot is stopping. Alone, the relay tells every call still ringing or connected that it is
   * over (cancel to the agents being rung, hang-up or timeout to the caller), logs it, and cancels
   * its timers. Shared, the calls stay in the store: the other processes carry them on, and their
   * timers fire there (or here after a restart).
   */
  public synchronized void close() {
    if (book.shared()) {
      return;
    }
    for (RelayedCall call : book.live()) {
      attempt("stop", ch -> {
        rules.stopping(call, ch);
        return true;
      });
    }
  }

  /** Number of calls ringing or connected (shared: in every process). */
  public synchronized int activeCalls() {
    return book.live().size();
  }

  /** Whether {@code account} is ringing or talking in a relayed call. */
  public synchronized boolean isEngaged(String account) {
    return book.callOf(account) != null || book.call(account) != null;
  }

  /** Runs {@code step} until its change is saved, then says and logs what it decided. */
  private boolean attempt(String what, Function<CallChange, Boolean> step) {
    for (int attempt = 1; ; attempt++) {
      CallChange ch = new CallChange();
      boolean result = step.apply(ch);
      RelayedCall call = ch.call;
      Instant next = call == null ? null : call.nextDeadline();
      boolean moved = call != null && (ch.timerSpent || !Objects.equals(next, ch.deadlineBefore));
      if (moved && next != null) {
        // Armed before the save: a timer that finds nothing due does nothing, a missing one would
        // leave the call ringing (and its agents taken) if this process died right after saving.
        book.arm(call, next);
      }
      if (call == null || book.save(call)) {
        settle(ch, moved && next == null);
        return result;
      }
      // Another process changed the call first: give back what this attempt took, read again —
      // except an agent the winner's call engages: this attempt's claim was the winner's own key.
      RelayedCall winner = book.call(call.customer());
      for (String agent : ch.claimed) {
        if (winner == null || !winner.id().equals(call.id()) || !winner.engages(agent)) {
          book.release(call, agent);
        }
      }
      meters.counter("timbot.calls.cluster.conflicts").increment();
      if (attempt == MAX_ATTEMPTS) {
        log.error("{} lost {} races for call {} in a row; given up", what, attempt, call.id());
        return result;
      }
    }
  }

  /** After the save: agents given back, the call's timer disarmed when nothing is due any more, then the signals and the record. */
  private void settle(CallChange ch, boolean disarm) {
    RelayedCall call = ch.call;
    if (call != null) {
      try {
        for (String agent : ch.released) {
          if (!call.engages(agent)) {
            book.release(call, agent);
          }
        }
        if (disarm) {
          book.arm(call, null);
        }
      } catch (RuntimeException e) {
        // The change is saved: its signals and record must still go out. A claim left behind is
        // taken over after its grace; a timer left armed finds nothing due.
        log.warn("call {}: giving back agents or the timer failed after the save: {}", call.id(), e.toString());
      }
    }
    ch.effects.forEach(Runnable::run);
  }

  private void send(String to, CallProtocol protocol, String data) {
    try {
      transport.send(to, protocol, data);
    } catch (RuntimeException e) {
      // A failed send must not corrupt the call state; the outcome is still recorded.
      log.error("sending a call signal to {} failed", to, e);
    }
  }

  /** Builder for {@link CallRelay}. */
  public static final class Builder {
    private String bot;
    private CallRelayConfig config;
    private CallTransport transport;
    private BotClock clock = BotClock.system();
    private CallLog callLog = CallLog.NONE;
    private AgentDirectory directory = AgentDirectory.ALL_AVAILABLE;
    private MeterRegistry meters = Metrics.globalRegistry;
    private Store store;
    private final List<Consumer<CallRecord>> listeners = new ArrayList<>();

    private Builder() {}

    /** The bot's account: the hotline customers call. */
    public Builder bot(String bot) {
      this.bot = bot;
      return this;
    }

    public Builder config(CallRelayConfig config) {
      this.config = config;
      return this;
    }

    public Builder transport(CallTransport transport) {
      this.transport = transport;
      return this;
    }

    public Builder clock(BotClock clock) {
      this.clock = clock;
      return this;
    }

    public Builder callLog(CallLog callLog) {
      this.callLog = callLog;
      return this;
    }

    public Builder directory(AgentDirectory directory) {
      this.directory = directory;
      return this;
    }

    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    public Builder onCallEnded(Consumer<CallRecord> listener) {
      this.listeners.add(listener);
      return this;
    }

    /**
     * Keeps the calls in {@code store} (shared by the app's processes; it must keep timers), so
     * that any process can carry a call on. The store's timers {@link #TIMER_PREFIX} must be
     * handed to {@link CallRelay#onTimer} (the plugin registers them with the bot).
     */
    public Builder shared(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public CallRelay build() {
      return new CallRelay(this);
    }
  }
}
