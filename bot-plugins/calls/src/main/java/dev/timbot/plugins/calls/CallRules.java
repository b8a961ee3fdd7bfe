package dev.timbot.plugins.calls;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay does with each signal and each deadline, as changes to calls read from a {@link
 * CallBook}: every signal and record goes into the {@link CallChange}, to be said once the change
 * is saved. An agent who is ringing or in a call is not rung for another call, and any invite to
 * the bot from someone already in a call is answered busy.
 */
final class CallRules {
  private static final Logger log = LoggerFactory.getLogger(CallRules.class);

  private final String bot;
  private final CallRelayConfig config;
  private final BotClock clock;
  private final CallBook book;
  private final AgentDirectory directory;
  private final Map<CallProtocol, CallDialect> dialects;
  private final Sender sender;
  private final CallRecorder recorder;
  private final AtomicLong sequence = new AtomicLong();

  /** Sends one signal (failures are the sender's to log). */
  interface Sender {
    void send(String to, CallProtocol protocol, String data);
  }

  CallRules(String bot, CallRelayConfig config, BotClock clock, CallBook book, AgentDirectory directory,
      Sender sender, CallRecorder recorder) {
    this.bot = bot;
    this.config = config;
    this.clock = clock;
    this.book = book;
    this.directory = directory;
    this.sender = sender;
    this.recorder = recorder;
    this.dialects = Map.of(
        CallProtocol.LEGACY_V3, new LegacyV3Dialect(),
        CallProtocol.SIGNALING, new SignalingDialect(bot));
  }

  /** A signal {@code from} sent to the bot; false for one that matches no call (logged). */
  boolean onSignal(String from, CallSignal signal, CallChange ch) {
    RelayedCall asAgent = findAgentCall(from, signal);
    if (asAgent != null) {
      onAgentSignal(ch.change(asAgent), from, signal, ch);
      return true;
    }
    RelayedCall asCustomer = book.call(from);
    if (asCustomer != null) {
      onCustomerSignal(ch.change(asCustomer), signal, ch);
      return true;
    }
    if (signal.action() == CallAction.INVITE) {
      startCall(from, signal, ch);
      return true;
    }
    if (signal.action() == CallAction.ACCEPT) {
      // An accept for a call that is over (e.g. after a crash cleanup): stop that client ringing.
      send(ch, from, signal.protocol(), dialects.get(signal.protocol()).cancelStray(from, signal));
      return true;
    }
    log.debug("call signal {} from {} matches no call; ignored", signal.action(), from);
    return false;
  }

  /** The call of {@code customer} may have something due now (its timer fired). */
  void onDue(String customer, CallChange ch) {
    RelayedCall call = book.call(customer);
    if (call == null) {
      return;
    }
    ch.change(call);
    ch.timerSpent = true;
    Instant now = clock.now();
    if (call.state == RelayedCall.State.RINGING && !now.isBefore(call.ringDeadline())) {
      ringTimedOut(call, ch);
      return;
    }
    if (call.state == RelayedCall.State.CONNECTED && call.maxDeadline != null && !now.isBefore(call.maxDeadline)) {
      maxDurationPassed(call, ch);
      return;
    }
    for (RelayedCall.Leg leg : new ArrayList<>(call.legs.values())) {
      if (call.state == RelayedCall.State.RINGING && leg.state == RelayedCall.LegState.RINGING
          && leg.deadline != null && !now.isBefore(leg.deadline)) {
        leg.state = RelayedCall.LegState.NO_ANSWER;
        send(ch, leg.agent(), call.invite().protocol(), dialect(call).timeoutAgent(call, leg));
        ch.released.add(leg.agent());
        advance(call, ch);
      }
    }
  }

  /** The bot is stopping: the call is told it is over on both sides (a relay of one process). */
  void stopping(RelayedCall call, CallChange ch) {
    ch.change(call);
    CallDialect dialect = dialect(call);
    if (call.state == RelayedCall.State.CONNECTED) {
      int seconds = elapsed(call);
      send(ch, call.customer(), call.invite().protocol(), dialect.hangup(call, call.customer(), seconds));
      send(ch, call.answeredBy, call.invite().protocol(), dialect.hangup(call, call.answeredBy, seconds));
    } else {
      cancelRinging(call, ch);
      send(ch, call.customer(), call.invite().protocol(), dialect.timeoutCustomer(call));
    }
    end(call, ch, CallOutcome.FAILED, "the bot stopped");
  }

  // --- customer side ---------------------------------------------------------------------------

  private void startCall(String customer, CallSignal invite, CallChange ch) {
    CallDialect dialect = dialects.get(invite.protocol());
    Instant now = clock.now();
    List<String> candidates = candidates(customer);
    String id = invite.callId().isEmpty()
        ? "v3-" + customer + "-" + now.toEpochMilli() + "-" + sequence.incrementAndGet()
        : invite.callId();
    RelayedCall call = new RelayedCall(id, customer, invite, now, ringTimeoutSeconds(invite));
    if (!candidates.isEmpty()) {
      ch.start(call);
      if (config.mode() == RingMode.PARALLEL) {
        candidates.forEach(agent -> ring(call, agent, null, ch));
      } else {
        call.waiting.addAll(candidates);
        ringNextWaiting(call, ch);
      }
    }
    if (!call.legs.isEmpty()) {
      List<String> rung = List.copyOf(call.legs.keySet());
      ch.then(() -> log.info("call {} from {} rings {}", id, customer, rung));
    } else {
      // Nobody to ring (or every candidate was taken by another call meanwhile): nothing to save.
      ch.call = null;
      send(ch, customer, invite.protocol(), dialect.busyReply(invite));
      CallRecord r = CallRecorder.of(call, now, CallOutcome.BUSY, "no agent available");
      ch.then(() -> recorder.publish(r));
    }
  }

  private void onCustomerSignal(RelayedCall call, CallSignal signal, CallChange ch) {
    CallDialect dialect = dialect(call);
    switch (signal.action()) {
      case INVITE -> send(ch, call.customer(), signal.protocol(), dialects.get(signal.protocol()).busyReply(signal));
      case CANCEL, REJECT, BUSY, NO_ANSWER, HANGUP -> {
        if (call.state == RelayedCall.State.RINGING) {
          cancelRinging(call, ch);
          boolean timedOut = signal.action() == CallAction.NO_ANSWER;
          end(call, ch, timedOut ? CallOutcome.MISSED : CallOutcome.CANCELLED,
              timedOut ? "caller timed out" : "caller cancelled");
        } else if (call.state == RelayedCall.State.CONNECTED && signal.action() == CallAction.HANGUP) {
          send(ch, call.answeredBy, call.invite().protocol(), dialect.hangup(call, call.answeredBy, elapsed(call)));
          end(call, ch, CallOutcome.ANSWERED, "caller hung up");
        }
      }
      case ERROR -> {
        if (call.state == RelayedCall.State.CONNECTED) {
          send(ch, call.answeredBy, call.invite().protocol(), dialect.error(call, call.answeredBy, signal));
        } else {
          cancelRinging(call, ch);
        }
        end(call, ch, CallOutcome.FAILED, "caller error " + signal.errorCode());
      }
      case ACCEPT -> log.debug("ignoring accept from caller {}", call.customer());
    }
  }

  // --- agent side ------------------------------------------------------------------------------

  private void onAgentSignal(RelayedCall call, String agent, CallSignal signal, CallChange ch) {
    CallDialect dialect = dialect(call);
    RelayedCall.Leg leg = call.legs.get(agent);
    boolean ringing = call.state == RelayedCall.State.RINGING && leg != null && leg.state == RelayedCall.LegState.RINGING;
    switch (signal.action()) {
      case INVITE -> send(ch, agent, signal.protocol(), dialects.get(signal.protocol()).busyReply(signal));
      case ACCEPT -> {
        if (ringing) {
          connect(call, leg, ch);
        } else if (leg != null && !agent.equals(call.answeredBy)) {
          send(ch, agent, call.invite().protocol(), dialect.cancelAgent(call, leg));
        }
      }
      case REJECT, BUSY, NO_ANSWER, CANCEL -> {
        if (ringing) {
          leg.state = signal.action() == CallAction.BUSY ? RelayedCall.LegState.BUSY
              : signal.action() == CallAction.NO_ANSWER ? RelayedCall.LegState.NO_ANSWER
              : RelayedCall.LegState.REJECTED;
          ch.released.add(agent);
          advance(call, ch);
        }
      }
      case HANGUP, ERROR -> {
        if (call.state == RelayedCall.State.CONNECTED && agent.equals(call.answeredBy)) {
          if (signal.action() == CallAction.HANGUP) {
            send(ch, call.customer(), call.invite().protocol(), dialect.hangup(call, call.customer(), elapsed(call)));
            end(call, ch, CallOutcome.ANSWERED, "agent hung up");
          } else {
            send(ch, call.customer(), call.invite().protocol(), dialect.error(call, call.customer(), signal));
            end(call, ch, CallOutcome.FAILED, "agent error " + signal.errorCode());
          }
        } else if (ringing) {
          leg.state = RelayedCall.LegState.REJECTED;
          ch.released.add(agent);
          advance(call, ch);
        }
        // Otherwise: a cancelled agent's client closing its call page; nothing to relay.
      }
    }
  }

  private void connect(RelayedCall call, RelayedCall.Leg winner, CallChange ch) {
    CallDialect dialect = dialect(call);
    call.state = RelayedCall.State.CONNECTED;
    call.answeredBy = winner.agent();
    call.answeredAt = clock.now();
    call.maxDeadline = call.answeredAt.plus(config.maxCallDuration());
    winner.state = RelayedCall.LegState.ACCEPTED;
    winner.deadline = null;
    call.waiting.clear();
    send(ch, call.customer(), call.invite().protocol(), dialect.acceptCustomer(call));
    cancelRinging(call, ch);
    String id = call.id();
    String agent = winner.agent();
    ch.then(() -> log.info("call {} connected to {}", id, agent));
  }

  /** After a leg ended without an answer: ring the next agent, or give the caller the outcome. */
  private void advance(RelayedCall call, CallChange ch) {
    if (call.anyRinging() || ringNextWaiting(call, ch)) {
      return;
    }
    CallDialect dialect = dialect(call);
    boolean allBusy = call.legs.values().stream().allMatch(l -> l.state == RelayedCall.LegState.BUSY);
    boolean anyRejected = call.legs.values().stream().anyMatch(l -> l.state == RelayedCall.LegState.REJECTED);
    if (allBusy) {
      send(ch, call.customer(), call.invite().protocol(), dialect.rejectCustomer(call, true));
      end(call, ch, CallOutcome.BUSY, "every agent busy");
    } else if (anyRejected) {
      send(ch, call.customer(), call.invite().protocol(), dialect.rejectCustomer(call, false));
      end(call, ch, CallOutcome.REJECTED, "rejected by every agent");
    } else {
      send(ch, call.customer(), call.invite().protocol(), dialect.timeoutCustomer(call));
      end(call, ch, CallOutcome.MISSED, "no agent answered");
    }
  }

  /** Sequential mode: rings the next waiting agent who is free; false when none is left. */
  private boolean ringNextWaiting(RelayedCall call, CallChange ch) {
    while (!call.waiting.isEmpty()) {
      String next = call.waiting.poll();
      if (isFree(next, call.customer()) && ring(call, next, config.perAgentRing(), ch)) {
        return true;
      }
    }
    return false;
  }

  private void ringTimedOut(RelayedCall call, CallChange ch) {
    CallDialect dialect = dialect(call);
    stopRinging(call, ch, RelayedCall.LegState.NO_ANSWER, leg -> dialect.timeoutAgent(call, leg));
    send(ch, call.customer(), call.invite().protocol(), dialect.timeoutCustomer(call));
    end(call, ch, CallOutcome.MISSED, "no answer within " + call.ringTimeoutSeconds() + " s");
  }

  private void maxDurationPassed(RelayedCall call, CallChange ch) {
    CallDialect dialect = dialect(call);
    int seconds = elapsed(call);
    log.warn("call {} saw no hang-up within {}; closing it", call.id(), config.maxCallDuration());
    send(ch, call.customer(), call.invite().protocol(), dialect.hangup(call, call.customer(), seconds));
    send(ch, call.answeredBy, call.invite().protocol(), dialect.hangup(call, call.answeredBy, seconds));
    end(call, ch, CallOutcome.FAILED, "no hang-up within " + config.maxCallDuration());
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Rings {@code agent} unless another call took them meanwhile (then false). */
  private boolean ring(RelayedCall call, String agent, Duration legTimeout, CallChange ch) {
    CallDialect dialect = dialect(call);
    RelayedCall.Leg leg = new RelayedCall.Leg(agent, dialect.newLegId());
    if (legTimeout != null) {
      leg.deadline = clock.now().plus(legTimeout);
    }
    if (!book.claim(call, leg)) {
      return false;
    }
    ch.claimed.add(agent);
    call.legs.put(agent, leg);
    send(ch, agent, call.invite().protocol(), dialect.inviteAgent(call, leg));
    return true;
  }

  private void cancelRinging(RelayedCall call, CallChange ch) {
    CallDialect dialect = dialect(call);
    stopRinging(call, ch, RelayedCall.LegState.CANCELLED, leg -> dialect.cancelAgent(call, leg));
  }

  /** Every agent still ringing ends in {@code state}, is told {@code signal}, and is given back. */
  private void stopRinging(RelayedCall call, CallChange ch, RelayedCall.LegState state,
      java.util.function.Function<RelayedCall.Leg, String> signal) {
    for (RelayedCall.Leg leg : call.legs.values()) {
      if (leg.state == RelayedCall.LegState.RINGING) {
        leg.state = state;
        send(ch, leg.agent(), call.invite().protocol(), signal.apply(leg));
        ch.released.add(leg.agent());
      }
    }
  }

  private void end(RelayedCall call, CallChange ch, CallOutcome outcome, String reason) {
    call.state = RelayedCall.State.ENDED;
    call.legs.keySet().forEach(ch.released::add);
    CallRecord r = CallRecorder.of(call, clock.now(), outcome, reason);
    ch.then(() -> recorder.publish(r));
  }

  private RelayedCall findAgentCall(String from, CallSignal signal) {
    if (signal.protocol() == CallProtocol.SIGNALING && !signal.callId().isEmpty()) {
      RelayedCall byLeg = book.callOfLeg(signal.callId());
      RelayedCall.Leg leg = byLeg == null ? null : byLeg.legs.get(from);
      if (leg != null && leg.legId().equals(signal.callId())) {
        return byLeg;
      }
    }
    RelayedCall call = book.callOf(from);
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
        && book.callOf(agent) == null && book.call(agent) == null
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

  private CallDialect dialect(RelayedCall call) {
    return dialects.get(call.invite().protocol());
  }

  private void send(CallChange ch, String to, CallProtocol protocol, String data) {
    ch.then(() -> sender.send(to, protocol, data));
  }
}
