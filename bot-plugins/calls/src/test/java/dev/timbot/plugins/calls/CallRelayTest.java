package dev.timbot.plugins.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Relay scenarios on a virtual clock, for both protocols. */
class CallRelayTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  static final String BOT = "@RBT#service";
  final VirtualClock clock = new VirtualClock();
  final RecordingTransport net = new RecordingTransport();
  final List<CallRecord> records = new ArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final Set<String> offline = new HashSet<>();
  String owner;

  CallRelay relay(CallRelayConfig config) {
    return CallRelay.builder().bot(BOT).config(config).transport(net).clock(clock)
        .meterRegistry(meters).onCallEnded(records::add)
        .directory(new AgentDirectory() {
          @Override public boolean available(String agent) { return !offline.contains(agent); }
          @Override public Optional<String> ownerOf(String customer) { return Optional.ofNullable(owner); }
        })
        .build();
  }

  /** Builds what a client of {@code protocol} sends. */
  static final class Client {
    final CallProtocol protocol;
    final String self;
    Client(CallProtocol protocol, String self) { this.protocol = protocol; this.self = self; }

    CallSignal invite(String inviteId, String room) {
      return protocol == CallProtocol.LEGACY_V3
          ? decode("{\"call_id\":\"\",\"version\":3,\"room_id\":" + room + ",\"action\":0,\"duration\":0,\"invited_list\":[]}")
          : decode(SignalingCodec.envelope(inviteId, self, SignalingCodec.INVITE, List.of(BOT),
              SignalingCodec.payload(MediaType.VIDEO, num(room), "videoCall", "", ""), 30, ""));
    }

    /** The answer to a received invitation (v3: the received JSON with a new action). */
    CallSignal answer(CallSignal received, CallAction action) {
      if (protocol == CallProtocol.LEGACY_V3) {
        return decode(LegacyV3Codec.echo(received, action, action == CallAction.HANGUP ? 99 : null));
      }
      int type = switch (action) {
        case ACCEPT -> SignalingCodec.ACCEPT;
        case REJECT, BUSY -> SignalingCodec.REJECT;
        case CANCEL -> SignalingCodec.CANCEL;
        case NO_ANSWER -> SignalingCodec.TIMEOUT;
        default -> throw new IllegalArgumentException(action.name());
      };
      return decode(SignalingCodec.envelope(received.callId(), received.caller(), type, List.of(self),
          action == CallAction.BUSY ? SignalingCodec.busyPayload(MediaType.VIDEO, received.roomId())
              : SignalingCodec.payload(MediaType.VIDEO, received.roomId(), "", "", ""), 0, ""));
    }

    /** Cancel of one's own invitation. */
    CallSignal cancel(CallSignal ownInvite) {
      return protocol == CallProtocol.LEGACY_V3
          ? decode(LegacyV3Codec.echo(ownInvite, CallAction.CANCEL, null))
          : decode(SignalingCodec.envelope(ownInvite.callId(), self, SignalingCodec.CANCEL, List.of(BOT),
              SignalingCodec.payload(MediaType.VIDEO, ownInvite.roomId(), "", "", ""), 0, ""));
    }

    CallSignal hangup(CallSignal anyInCall, int seconds) {
      return protocol == CallProtocol.LEGACY_V3
          ? decode(LegacyV3Codec.echo(anyInCall, CallAction.HANGUP, seconds))
          : decode(SignalingCodec.envelope("end-" + self, self, SignalingCodec.INVITE, List.of(BOT),
              SignalingCodec.hangupPayload(MediaType.VIDEO, anyInCall.roomId(), seconds), 0, ""));
    }

    private static CallSignal decode(String data) { return CallSignals.decode(data).orElseThrow(); }

    private static com.fasterxml.jackson.databind.JsonNode num(String room) {
      try { return JSON.readTree(room); } catch (Exception e) { throw new IllegalStateException(e); }
    }
  }

  CallSignal lastTo(String account) {
    List<RecordingTransport.Sent> s = net.to(account);
    return s.get(s.size() - 1).signal();
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void answeredAndHungUp_durationOnTheBotsClock(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")));
    Client alice = new Client(p, "alice");
    Client agent = new Client(p, "agent1");
    CallSignal invite = alice.invite("inv-1", "-1203987771");
    relay.onSignal("alice", invite);
    CallSignal rung = lastTo("agent1");
    assertThat(rung.action()).isEqualTo(CallAction.INVITE);
    assertThat(rung.roomIdText()).isEqualTo("-1203987771");
    // The agent's invite comes from the bot but names the caller, in both protocols.
    com.fasterxml.jackson.databind.node.ObjectNode named = p == CallProtocol.LEGACY_V3 ? rung.raw() : rung.payload();
    assertThat(named.path("caller").asText()).isEqualTo("alice");

    clock.advance(Duration.ofSeconds(5));
    relay.onSignal("agent1", agent.answer(rung, CallAction.ACCEPT));
    CallSignal accepted = lastTo("alice");
    assertThat(accepted.action()).isEqualTo(CallAction.ACCEPT);
    assertThat(accepted.roomIdText()).isEqualTo("-1203987771");
    if (p == CallProtocol.SIGNALING) {
      assertThat(accepted.callId()).isEqualTo("inv-1");
      assertThat(accepted.caller()).isEqualTo("alice");
    }

    clock.advance(Duration.ofSeconds(73));
    relay.onSignal("alice", alice.hangup(invite, 70));
    CallSignal hungUp = lastTo("agent1");
    assertThat(hungUp.action()).isEqualTo(CallAction.HANGUP);
    assertThat(hungUp.durationSeconds()).isEqualTo(73);
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
      assertThat(r.answeredBy()).isEqualTo("agent1");
      assertThat(r.durationSeconds()).isEqualTo(73);
      assertThat(r.caller()).isEqualTo("alice");
      assertThat(r.startedAt()).isEqualTo(clock.now().minusSeconds(78));
    });
    assertThat(relay.activeCalls()).isZero();
    assertThat(clock.pendingTimers()).isZero();
    assertThat(meters.counter("timbot.calls", "outcome", "answered", "protocol", p.name().toLowerCase()).count()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void agentHangsUp_customerGetsHangupWithDuration(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")));
    Client agent = new Client(p, "agent1");
    relay.onSignal("alice", new Client(p, "alice").invite("inv-1", "5"));
    CallSignal rung = lastTo("agent1");
    relay.onSignal("agent1", agent.answer(rung, CallAction.ACCEPT));
    clock.advance(Duration.ofSeconds(42));
    relay.onSignal("agent1", agent.hangup(rung, 41));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.HANGUP);
    assertThat(lastTo("alice").durationSeconds()).isEqualTo(42);
    assertThat(records.get(0).endReason()).isEqualTo("agent hung up");
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void callerCancels_agentsGetCancel(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1", "agent2")));
    Client alice = new Client(p, "alice");
    CallSignal invite = alice.invite("inv-1", "7");
    relay.onSignal("alice", invite);
    relay.onSignal("alice", alice.cancel(invite));
    assertThat(net.actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.CANCEL);
    assertThat(net.actionsTo("agent2")).containsExactly(CallAction.INVITE, CallAction.CANCEL);
    if (p == CallProtocol.SIGNALING) {
      assertThat(lastTo("agent1").callId()).isEqualTo(net.to("agent1").get(0).signal().callId());
    }
    assertThat(records.get(0).outcome()).isEqualTo(CallOutcome.CANCELLED);
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void calleeRejects_callerGetsReject(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")));
    relay.onSignal("alice", new Client(p, "alice").invite("inv-1", "7"));
    relay.onSignal("agent1", new Client(p, "agent1").answer(lastTo("agent1"), CallAction.REJECT));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.REJECT);
    assertThat(records.get(0).outcome()).isEqualTo(CallOutcome.REJECTED);
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void noAnswer_timeoutToBothSides(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")));
    relay.onSignal("alice", new Client(p, "alice").invite("inv-1", "7"));
    int timeout = p == CallProtocol.LEGACY_V3 ? 60 : 30; // v3 default; signaling: the invite's timeout
    clock.advance(Duration.ofSeconds(timeout - 1));
    assertThat(records).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.NO_ANSWER);
    assertThat(lastTo("agent1").action()).isEqualTo(CallAction.NO_ANSWER);
    assertThat(records.get(0).outcome()).isEqualTo(CallOutcome.MISSED);
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void busy_agentsBusyOrCallerAlreadyInACall(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")));
    Client alice = new Client(p, "alice");
    relay.onSignal("alice", alice.invite("inv-1", "7"));
    relay.onSignal("agent1", new Client(p, "agent1").answer(lastTo("agent1"), CallAction.BUSY));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.BUSY);
    assertThat(records.get(0).outcome()).isEqualTo(CallOutcome.BUSY);

    // alice in a call; bob calls while the only agent is engaged → busy at once.
    relay.onSignal("alice", alice.invite("inv-2", "8"));
    relay.onSignal("agent1", new Client(p, "agent1").answer(lastTo("agent1"), CallAction.ACCEPT));
    relay.onSignal("bob", new Client(p, "bob").invite("inv-3", "9"));
    assertThat(lastTo("bob").action()).isEqualTo(CallAction.BUSY);
    // alice calls again while in her call → busy, and her call goes on.
    relay.onSignal("alice", alice.invite("inv-4", "10"));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.BUSY);
    assertThat(relay.isEngaged("alice")).isTrue();
    assertThat(records).extracting(CallRecord::outcome).containsExactly(CallOutcome.BUSY, CallOutcome.BUSY);
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void parallelRingGroup_firstAcceptWinsOthersCancelled(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1", "agent2", "agent3")));
    offline.add("agent3");
    relay.onSignal("alice", new Client(p, "alice").invite("inv-1", "7"));
    assertThat(net.to("agent3")).isEmpty();
    CallSignal toA2 = lastTo("agent2");
    CallSignal toA1 = lastTo("agent1");
    relay.onSignal("agent2", new Client(p, "agent2").answer(toA2, CallAction.ACCEPT));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.ACCEPT);
    assertThat(net.actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.CANCEL);
    assertThat(net.actionsTo("agent2")).containsExactly(CallAction.INVITE);
    // agent1 accepts too late: told to stop, the caller hears nothing more.
    int toAlice = net.to("alice").size();
    relay.onSignal("agent1", new Client(p, "agent1").answer(toA1, CallAction.ACCEPT));
    assertThat(lastTo("agent1").action()).isEqualTo(CallAction.CANCEL);
    assertThat(net.to("alice")).hasSize(toAlice);
    assertThat(relay.isEngaged("agent1")).isFalse();
    assertThat(relay.isEngaged("agent2")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void sequentialRingGroup_oneAfterAnother(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.sequential(List.of("agent1", "agent2", "agent3"), Duration.ofSeconds(10)));
    relay.onSignal("alice", new Client(p, "alice").invite("inv-1", "7"));
    assertThat(net.actionsTo("agent1")).containsExactly(CallAction.INVITE);
    assertThat(net.to("agent2")).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(net.actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.NO_ANSWER);
    assertThat(net.actionsTo("agent2")).containsExactly(CallAction.INVITE);
    relay.onSignal("agent2", new Client(p, "agent2").answer(lastTo("agent2"), CallAction.REJECT));
    assertThat(net.actionsTo("agent3")).containsExactly(CallAction.INVITE);
    relay.onSignal("agent3", new Client(p, "agent3").answer(lastTo("agent3"), CallAction.ACCEPT));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.ACCEPT);
    assertThat(records).isEmpty();
    assertThat(relay.isEngaged("agent3")).isTrue();
  }

  @Test
  void serviceOwnerIsRungAlone() {
    owner = "agent2";
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1", "agent2")));
    relay.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    assertThat(net.to("agent1")).isEmpty();
    assertThat(net.actionsTo("agent2")).containsExactly(CallAction.INVITE);
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void crashedCallIsClosedAfterTheMaximum(CallProtocol p) {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")).withMaxCallDuration(Duration.ofMinutes(30)));
    relay.onSignal("alice", new Client(p, "alice").invite("inv-1", "7"));
    relay.onSignal("agent1", new Client(p, "agent1").answer(lastTo("agent1"), CallAction.ACCEPT));
    clock.advance(Duration.ofMinutes(30));
    assertThat(lastTo("alice").action()).isEqualTo(CallAction.HANGUP);
    assertThat(lastTo("agent1").action()).isEqualTo(CallAction.HANGUP);
    assertThat(records.get(0).outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(records.get(0).durationSeconds()).isEqualTo(1800);
    assertThat(relay.activeCalls()).isZero();
  }

  @Test
  void noAgentsAtAll_busyAtOnce() {
    offline.add("agent1");
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")));
    relay.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    assertThat(net.actionsTo("alice")).containsExactly(CallAction.BUSY);
    assertThat(records.get(0).outcome()).isEqualTo(CallOutcome.BUSY);
  }

  @Test
  void strayAndForeignSignalsDoNotBreakState() {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1")));
    Client alice = new Client(CallProtocol.LEGACY_V3, "alice");
    CallSignal invite = alice.invite("", "7");
    assertThat(relay.onSignal("alice", alice.hangup(invite, 3))).isFalse();
    relay.onSignal("alice", invite);
    // a transport that fails does not lose the record
    assertThat(relay.activeCalls()).isEqualTo(1);
  }

  @Test
  void callLogIsJsonLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("calls/calls.jsonl");
    CallRelay relay = CallRelay.builder().bot(BOT).config(CallRelayConfig.parallel(List.of("agent1")))
        .transport(net).clock(clock).callLog(new JsonLinesCallLog(file)).meterRegistry(meters).build();
    Client alice = new Client(CallProtocol.LEGACY_V3, "alice");
    relay.onSignal("alice", alice.invite("", "7"));
    relay.onSignal("alice", alice.cancel(alice.invite("", "7")));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l).contains("\"outcome\":\"CANCELLED\"", "\"caller\":\"alice\"", "\"callees\":[\"agent1\"]", "\"roomId\":\"7\"");
    });
  }

  @Test
  void closingTheRelayEndsLiveCallsAndCancelsTheirTimers() {
    CallRelay relay = relay(CallRelayConfig.parallel(List.of("agent1", "agent2")));
    relay.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    relay.onSignal("agent1", new Client(CallProtocol.LEGACY_V3, "agent1").answer(lastTo("agent1"), CallAction.ACCEPT));
    relay.onSignal("bob", new Client(CallProtocol.LEGACY_V3, "bob").invite("", "8")); // rings agent2
    assertThat(relay.activeCalls()).isEqualTo(2);
    relay.close();
    assertThat(relay.activeCalls()).isZero();
    assertThat(clock.pendingTimers()).isZero();
    assertThat(records).extracting(CallRecord::endReason).containsOnly("the bot stopped");
    assertThat(records).hasSize(2);
    int sent = net.sent.size();
    clock.advance(Duration.ofHours(3));
    assertThat(net.sent).hasSize(sent); // nothing fires after stop
  }
}
