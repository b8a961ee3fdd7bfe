package dev.timbot.plugins.calls;

import dev.timbot.spi.BotClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot as a service hotline: customers call the bot's account, the bot rings its ring group
 * of agents, and relays accept, reject, busy, cancel, timeout and hang-up between the two sides —
 * for both call protocols. All call state lives here (the IM service knows nothing of calls).
 *
 * <p>An agent who is ringing or in a call is not rung for another call, and any invite to the
 * bot from someone already in a call is answered busy. Every call ends in exactly one {@link
 * CallRecord}. Thread-safe: signals and timers are serialised on one lock.
 */
public final class CallRelay {
  private static final Logger log = LoggerFactory.getLogger(CallRelay.class);

  private final String bot;
  private final CallRelayConfig config;
  private final CallTransport transport;
  private final BotClock clock;
  private final CallLog callLog;
  private final AgentDirectory directory;
  private final MeterRegistry meters;
  private final List<Consumer<CallRecord>> listeners;
  private final Map<CallProtocol, CallDialect> dialects;
  private final Map<String, RelayedCall> byCustomer = new HashMap<>();
  private final Map<String, RelayedCall> byAgent = new HashMap<>();
  private final Map<String, RelayedCall> byLegId = new HashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  private CallRelay(Builder b) {
    this.bot = Objects.requireNonNull(b.bot, "bot");
    this.config = Objects.requireNonNull(b.config, "config");
    this.transport = Objects.requireNonNull(b.transport, "transport");
    this.clock = b.clock;
    this.callLog = b.callLog;
    this.directory = b.directory;
    this.meters = b.meters;
    this.listeners = List.copyOf(b.listeners);
    this.dialects = Map.of(
        CallProtocol.LEGACY_V3, new LegacyV3Dialect(),
        CallProtocol.SIGNALING, new SignalingDialect(bot));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles a call signal that {@code from} sent to the bot. Returns false only for signals the
   * relay has nothing to do with (it logs them); every call-related signal is consumed.
   */
  public synchronized boolean onSignal(String from, CallSignal signal) {
    RelayedCall asAgent = findAgentCall(from, signal);
    if (asAgent != null) {
      onAgentSignal(asAgent, from, signal);
      return true;
    }
    RelayedCall asCustomer = byCustomer.get(from);
    if (asCustomer != null) {
      onCustomerSignal(asCustomer, signal);
      return true;
    }
    if (signal.action() == CallAction.INVITE) {
      startCall(from, signal);
      return true;
    }
    if (signal.action() == CallAction.ACCEPT) {
      // An accept for a call that is over (e.g. after a crash cleanup): stop that client ringing.
      send(from, signal.protocol(), dialects.get(signal.protocol()).cancelStray(from, signal));
      return true;
    }
    log.debug("call signal {} from {} matches no call; ignored", signal.action(), from);
    return false;
  }

  /**
   * The bot is stopping: every call still ringing or connected is told it is over (cancel to the
   * agents being rung, hang-up or timeout to the caller), logged, and its timers cancelled.
   */
  public synchronized void close() {
    for (RelayedCall call : new ArrayList<>(byCustomer.values())) {
      CallDialect dialect = dialects.get(call.invite().protocol());
      if (call.state == RelayedCall.State.CONNECTED) {
        int seconds = elapsed(call);
        send(call.customer(), call.invite().protocol(), dialect.hangup(call, call.customer(), seconds));
        send(call.answeredBy, call.invite().protocol(), dialect.hangup(call, call.answeredBy, seconds));
        end(call, CallOutcome.FAILED, "the bot stopped");
      } else {
        cancelRinging(call);
        send(call.customer(), call.invite().protocol(), dialect.timeoutCustomer(call));
        end(call, CallOutcome.FAILED, "the bot stopped");
      }
    }
  }

  /** Number of calls ringing or connected. */
  public synchronized int activeCalls() {
    return byCustomer.size();
  }

  /** Whether {@code account} is ringing or talking in a relayed call. */
  public synchronized boolean isEngaged(String account) {
    return byAgent.containsKey(account) || byCustomer.containsKey(account);
  }

  // --- customer side ---------------------------------------------------------------------------

  private void startCall(String customer, CallSignal invite) {
    CallDialect dialect = dialects.get(invite.protocol());
    Instant now = clock.now();
    List<String> candidates = candidates(customer);
    int ringSeconds = ringTimeoutSeconds(invite);
    String id = invite.callId().isEmpty()
        ? "v3-" + customer + "-" + now.toEpochMilli() + "-" + sequence.incrementAndGet()
        : invite.callId();
    RelayedCall call = new RelayedCall(id, customer, invite, now, ringSeconds);
    if (candidates.isEmpty()) {
      send(customer, invite.protocol(), dialect.busyReply(invite));
      record(call, CallOutcome.BUSY, "no agent available");
      return;
    }
    byCustomer.put(customer, call);
    if (config.mode() == RingMode.PARALLEL) {
      candidates.forEach(agent -> ring(call, agent, null));
    } else {
      call.waiting.addAll(candidates.subList(1, candidates.size()));
      ring(call, candidates.get(0), config.perAgentRing());
    }
    call.ringTimer = clock.schedule(Duration.ofSeconds(ringSeconds), () -> onRingTimeout(call));
  }

  private void onCustomerSignal(RelayedCall call, CallSignal signal) {
    CallDialect dialect = dialects.get(call.invite().protocol());
    switch (signal.action()) {
      case INVITE -> send(call.customer(), signal.protocol(), dialects.get(signal.protocol()).busyReply(signal));
      case CANCEL, REJECT, BUSY, NO_ANSWER, HANGUP -> {
        if (call.state == RelayedCall.State.RINGING) {
          cancelRinging(call);
          boolean timedOut = signal.action() == CallAction.NO_ANSWER;
          end(call, timedOut ? CallOutcome.MISSED : CallOutcome.CANCELLED,
              timedOut ? "caller timed out" : "caller cancelled");
        } else if (call.state == RelayedCall.State.CONNECTED && signal.action() == CallAction.HANGUP) {
          send(call.answeredBy, call.invite().protocol(), dialect.hangup(call, call.answeredBy, elapsed(call)));
          end(call, CallOutcome.ANSWERED, "caller hung up");
        }
      }
      case ERROR -> {
        if (call.state == RelayedCall.State.CONNECTED) {
          send(call.answeredBy, call.invite().protocol(), dialect.error(call, call.answeredBy, signal));
        } else {
          cancelRinging(call);
        }
        end(call, CallOutcome.FAILED, "caller error " + signal.errorCode());
      }
      case ACCEPT -> log.debug("ignoring accept from caller {}", call.customer());
    }
  }

  // --- agent side ------------------------------------------------------------------------------

  private void onAgentSignal(RelayedCall call, String agent, CallSignal signal) {
    CallDialect dialect = dialects.get(call.invite().protocol());
    RelayedCall.Leg leg = call.legs.get(agent);
    switch (signal.action()) {
      case INVITE -> send(agent, signal.protocol(), dialects.get(signal.protocol()).busyReply(signal));
      case ACCEPT -> {
        if (call.state == RelayedCall.State.RINGING && leg != null && leg.state == RelayedCall.LegState.RINGING) {
          connect(call, leg);
        } else if (leg != null && !agent.equals(call.answeredBy)) {
          send(agent, call.invite().protocol(), dialect.cancelAgent(call, leg));
        }
      }
      case REJECT, BUSY, NO_ANSWER, CANCEL -> {
        if (call.state == RelayedCall.State.RINGING && leg != null && leg.state == RelayedCall.LegState.RINGING) {
          leg.state = signal.action() == CallAction.BUSY ? RelayedCall.LegState.BUSY
              : signal.action() == CallAction.NO_ANSWER ? RelayedCall.LegState.NO_ANSWER
              : RelayedCall.LegState.REJECTED;
          releaseLeg(leg);
          advance(call);
        }
      }
      case HANGUP, ERROR -> {
        if (call.state == RelayedCall.State.CONNECTED && agent.equals(call.answeredBy)) {
          if (signal.action() == CallAction.HANGUP) {
            send(call.customer(), call.invite().protocol(), dialect.hangup(call, call.customer(), elapsed(call)));
            end(call, CallOutcome.ANSWERED, "agent hung up");
          } else {
            send(call.customer(), call.invite().protocol(), dialect.error(call, call.customer(), signal));
            end(call, CallOutcome.FAILED, "agent error " + signal.errorCode());
          }
        } else if (call.state == RelayedCall.State.RINGING && leg != null && leg.state == RelayedCall.LegState.RINGING) {
          leg.state = RelayedCall.LegState.REJECTED;
          releaseLeg(leg);
          advance(call);
        }
        // Otherwise: a cancelled agent's client closing its call page; nothing to relay.
      }
    }
  }

  private void connect(RelayedCall call, RelayedCall.Leg winner) {
    CallDialect dialect = dialects.get(call.invite().protocol());
    call.state = RelayedCall.State.CONNECTED;
    call.answeredBy = winner.agent();
    call.answeredAt = clock.now();
    winner.state = RelayedCall.LegState.ACCEPTED;
    cancelTimer(winner.timer);
    cancelTimer(call.ringTimer);
    call.waiting.clear();
    send(call.customer(), call.invite().protocol(), dialect.acceptCustomer(call));
    for (RelayedCall.Leg leg : call.legs.values()) {
      if (leg.state == RelayedCall.LegState.RINGING) {
        leg.state = RelayedCall.LegState.CANCELLED;
        send(leg.agent(), call.invite().protocol(), dialect.cancelAgent(call, leg));
        releaseLeg(leg);
      }
    }
    call.maxTimer = clock.schedule(config.maxCallDuration(), () -> onMaxDuration(call));
  }

  /** After a leg ended without an answer: ring the next agent, or give the caller the outcome. */
  private void advance(RelayedCall call) {
    if (call.anyRinging()) {
      return;
    }
    while (!call.waiting.isEmpty()) {
      String next = call.waiting.poll();
      if (isFree(next, call.customer())) {
        ring(call, next, config.perAgentRing());
        return;
      }
    }
    CallDialect dialect = dialects.get(call.invite().protocol());
    boolean allBusy = call.legs.values().stream().allMatch(l -> l.state == RelayedCall.LegState.BUSY);
    boolean anyRejected = call.legs.values().stream().anyMatch(l -> l.state == RelayedCall.LegState.REJECTED);
    if (allBusy) {
      send(call.customer(), call.invite().protocol(), dialect.rejectCustomer(call, true));
      end(call, CallOutcome.BUSY, "every agent busy");
    } else if (anyRejected) {
      send(call.customer(), call.invite().protocol(), dialect.rejectCustomer(call, false));
      end(call, CallOutcome.REJECTED, "rejected by every agent");
    } else {
      send(call.customer(), call.invite().protocol(), dialect.timeoutCustomer(call));
      end(call, CallOutcome.MISSED, "no agent answered");
    }
  }

  // --- timers ----------------------------------------------------------------------------------

  private synchronized void onRingTimeout(RelayedCall call) {
    if (call.state != RelayedCall.State.RINGING) {
      return;
    }
    CallDialect dialect = dialects.get(call.invite().protocol());
    for (RelayedCall.Leg leg : call.legs.values()) {
      if (leg.state == RelayedCall.LegState.RINGING) {
        leg.state = RelayedCall.LegState.NO_ANSWER;
        send(leg.agent(), call.invite().protocol(), dialect.timeoutAgent(call, leg));
        releaseLeg(leg);
      }
    }
    send(call.customer(), call.invite().protocol(), dialect.timeoutCustomer(call));
    end(call, CallOutcome.MISSED, "no answer within " + call.ringTimeoutSeconds() + " s");
  }

  private synchronized void onLegTimeout(RelayedCall call, RelayedCall.Leg leg) {
    if (call.state != RelayedCall.State.RINGING || leg.state != RelayedCall.LegState.RINGING) {
      return;
    }
    leg.state = RelayedCall.LegState.NO_ANSWER;
    send(leg.agent(), call.invite().protocol(), dialects.get(call.invite().protocol()).timeoutAgent(call, leg));
    releaseLeg(leg);
    advance(call);
  }

  private synchronized void onMaxDuration(RelayedCall call) {
    if (call.state != RelayedCall.State.CONNECTED) {
      return;
    }
    CallDialect dialect = dialects.get(call.invite().protocol());
    int seconds = elapsed(call);
    log.warn("call {} saw no hang-up within {}; closing it", call.id(), config.maxCallDuration());
    send(call.customer(), call.invite().protocol(), dialect.hangup(call, call.customer(), seconds));
    send(call.answeredBy, call.invite().protocol(), dialect.hangup(call, call.answeredBy, seconds));
    end(call, CallOutcome.FAILED, "no hang-up within " + config.maxCallDuration());
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void ring(RelayedCall call, String agent, Duration legTimeout) {
    CallDialect dialect = dialects.get(call.invite().protocol());
    RelayedCall.Leg leg = new RelayedCall.Leg(agent, dialect.newLegId());
    call.legs.put(agent, leg);
    byAgent.put(agent, call);
    if (!leg.legId().isEmpty()) {
      byLegId.put(leg.legId(), call);
    }
    send(agent, call.invite().protocol(), dialect.inviteAgent(call, leg));
    if (legTimeout != null) {
      leg.timer = clock.schedule(legTimeout, () -> onLegTimeout(call, leg));
    }
  }

  private void cancelRinging(RelayedCall call) {
    CallDialect dialect = dialects.get(call.invite().protocol());
    for (RelayedCall.Leg leg : call.legs.values()) {
      if (leg.state == RelayedCall.LegState.RINGING) {
        leg.state = RelayedCall.LegState.CANCELLED;
        send(leg.agent(), call.invite().protocol(), dialect.cancelAgent(call, leg));
        releaseLeg(leg);
      }
    }
  }

  private void releaseLeg(RelayedCall.Leg leg) {
    cancelTimer(leg.timer);
    RelayedCall call = byAgent.get(leg.agent());
    if (call != null && !leg.agent().equals(call.answeredBy)) {
      byAgent.remove(leg.agent());
    }
  }

  private void end(RelayedCall call, CallOutcome outcome, String reason) {
    call.state = RelayedCall.State.ENDED;
    cancelTimer(call.ringTimer);
    cancelTimer(call.maxTimer);
    byCustomer.remove(call.customer(), call);
    for (RelayedCall.Leg leg : call.legs.values()) {
      cancelTimer(leg.timer);
      byAgent.remove(leg.agent(), call);
      byLegId.remove(leg.legId());
    }
    record(call, outcome, reason);
  }

  private void record(RelayedCall call, CallOutcome outcome, String reason) {
    Instant now = clock.now();
    CallRecord r = new CallRecord(call.id(), call.invite().protocol(), call.mediaType(),
        call.invite().roomIdText(), call.customer(), new ArrayList<>(call.legs.keySet()),
        call.answeredBy, call.startedAt(), call.answeredAt, now,
        call.answeredAt == null ? 0 : Duration.between(call.answeredAt, now).getSeconds(),
        outcome, reason);
    log.info("call {} {} ({}): caller {} answered by {} after {} s",
        r.callId(), r.outcome(), r.endReason(), r.caller(), r.answeredBy(), r.durationSeconds());
    try {
      callLog.record(r);
    } catch (RuntimeException e) {
      log.error("call log failed for call {}", r.callId(), e);
    }
    meters.counter("timbot.calls", "outcome", outcome.name().toLowerCase(), "protocol", r.protocol().name().toLowerCase()).increment();
    if (r.answeredAt() != null) {
      meters.timer("timbot.calls.duration").record(Duration.ofSeconds(r.durationSeconds()));
    }
    for (Consumer<CallRecord> l : listeners) {
      try {
        l.accept(r);
      } catch (RuntimeException e) {
        log.error("call listener failed for call {}", r.callId(), e);
      }
    }
  }

  private RelayedCall findAgentCall(String from, CallSignal signal) {
    if (signal.protocol() == CallProtocol.SIGNALING) {
      RelayedCall byLeg = byLegId.get(signal.callId());
      if (byLeg != null && byLeg.legs.containsKey(from)) {
        return byLeg;
      }
    }
    RelayedCall call = byAgent.get(from);
    return call != null && !call.customer().equals(from) ? call : null;
  }

  private List<String> candidates(String customer) {
    Optional<String> owner = directory.ownerOf(customer).filter(a -> isFree(a, customer));
    if (owner.isPresent()) {
      return List.of(owner.get());
    }
    List<String> out = new ArrayList<>();
    for (String agent : config.agents()) {
      if (isFree(agent, customer)) {
        out.add(agent);
      }
    }
    return out;
  }

  private boolean isFree(String agent, String customer) {
    return !agent.equals(customer) && !agent.equals(bot)
        && !byAgent.containsKey(agent) && !byCustomer.containsKey(agent)
        && directory.available(agent);
  }

  private int ringTimeoutSeconds(CallSignal invite) {
    if (invite.protocol() == CallProtocol.SIGNALING && invite.timeoutSeconds() != null && invite.timeoutSeconds() > 0) {
      return invite.timeoutSeconds();
    }
    Duration d = invite.protocol() == CallProtocol.LEGACY_V3 ? config.legacyRingTimeout() : config.signalingDefaultTimeout();
    return (int) d.getSeconds();
  }

  private int elapsed(RelayedCall call) {
    return call.answeredAt == null ? 0 : (int) Duration.between(call.answeredAt, clock.now()).getSeconds();
  }

  private void send(String to, CallProtocol protocol, String data) {
    try {
      transport.send(to, protocol, data);
    } catch (RuntimeException e) {
      // A failed send must not corrupt the call state; the outcome is still recorded.
      log.error("sending a call signal to {} failed", to, e);
    }
  }

  private static void cancelTimer(BotClock.Timer timer) {
    if (timer != null) {
      timer.cancel();
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

    public CallRelay build() {
      return new CallRelay(this);
    }
  }
}
