package dev.timbot.plugins.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.store.Stores;
import dev.timbot.plugins.calls.CallRelayTest.Client;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two relays ("processes") over one shared store: a customer's invitation and the agents' answers
 * are handled by different processes, and a process may die with a call ringing. Each process
 * runs the store's durable timers only while it lives ({@link #poll}, what the bot's timer poller
 * does). Assertions are on the signals sent and on what is stored.
 */
class CallRelayClusterTest {
  static final String BOT = CallRelayTest.BOT;

  /** One signal sent, and by which process. */
  record Sent(String process, String to, CallSignal signal) {}

  final VirtualClock clock = new VirtualClock();
  final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  final List<CallRecord> records = Collections.synchronizedList(new ArrayList<>());
  final Map<String, CallRelay> relays = new LinkedHashMap<>();
  final Map<String, Store> stores = new LinkedHashMap<>();
  /** The first process's store (with memory:, every process's). */
  Store store;

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The store the processes share. */
  Store openStore() {
    return Stores.open("memory:", clock);
  }

  /** Process {@code name}'s own connection to the shared store (one memory store here). */
  Store storeOf(String name) {
    return store;
  }

  CallRelay process(String name, CallRelayConfig config) {
    return processOver(name, stores.computeIfAbsent(name, this::storeOf), config);
  }

  /** Process {@code name} reaching the shared store through {@code s}. */
  CallRelay processOver(String name, Store s, CallRelayConfig config) {
    stores.put(name, s);
    CallRelay relay = CallRelay.builder().bot(BOT).config(config).clock(clock)
        .meterRegistry(new SimpleMeterRegistry()).onCallEnded(records::add)
        .transport((to, protocol, data) -> sent.add(new Sent(name, to, CallSignals.decode(data).orElseThrow())))
        .callLog(new StoreCallLog(() -> s.state(StoreCallLog.NAMESPACE)))
        .shared(s).build();
    relays.put(name, relay);
    return relay;
  }

  /** Runs the timers due now as process {@code name}'s bot would; returns how many it ran. */
  int poll(String name) {
    Store.TimerStore timers = stores.get(name).timers();
    List<Store.TimerStore.Due> due = timers.claimDue(clock.now(), Duration.ofMinutes(5), 100);
    for (Store.TimerStore.Due d : due) {
      try {
        relays.get(name).onTimer(d);
      } catch (RuntimeException e) {
        // The bot's poller logs a failed timer and reports it done, as here.
      }
      timers.done(d.key(), d.claim());
    }
    return due.size();
  }

  /** Moves the clock a second at a time, the living processes polling after each (the bot's poll). */
  void advance(Duration by, String... living) {
    for (long s = 0; s < by.toSeconds(); s++) {
      clock.advance(Duration.ofSeconds(1));
      for (String p : living) {
        poll(p);
      }
    }
  }

  List<CallAction> actionsTo(String account) {
    return to(account).stream().map(s -> s.signal().action()).toList();
  }

  List<Sent> to(String account) {
    synchronized (sent) {
      return sent.stream().filter(s -> s.to().equals(account)).toList();
    }
  }

  CallSignal lastTo(String account) {
    List<Sent> s = to(account);
    return s.get(s.size() - 1).signal();
  }

  Store.KeyedState relayKeys() {
    return store.state(SharedCallBook.NAMESPACE);
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void invitationOnA_answerOnB_hangUpOnA(CallProtocol p) {
    CallRelay a = process("A", CallRelayConfig.parallel(List.of("agent1", "agent2")));
    CallRelay b = process("B", CallRelayConfig.parallel(List.of("agent1", "agent2")));
    Client alice = new Client(p, "alice");
    CallSignal invite = alice.invite("inv-1", "4711");
    a.onSignal("alice", invite);
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE);
    assertThat(actionsTo("agent2")).containsExactly(CallAction.INVITE);
    assertThat(b.isEngaged("agent2")).isTrue();
    assertThat(b.activeCalls()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(4));
    assertThat(b.onSignal("agent2", new Client(p, "agent2").answer(lastTo("agent2"), CallAction.ACCEPT))).isTrue();
    assertThat(to("alice")).singleElement().satisfies(s -> {
      assertThat(s.process()).isEqualTo("B");
      assertThat(s.signal().action()).isEqualTo(CallAction.ACCEPT);
      assertThat(s.signal().roomIdText()).isEqualTo("4711");
      if (p == CallProtocol.SIGNALING) {
        assertThat(s.signal().callId()).isEqualTo("inv-1"); // in the customer's own invitation
      }
    });
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.CANCEL);
    assertThat(a.isEngaged("agent1")).isFalse();

    clock.advance(Duration.ofSeconds(60));
    a.onSignal("alice", alice.hangup(invite, 60));
    assertThat(to("agent2")).last().satisfies(s -> {
      assertThat(s.process()).isEqualTo("A");
      assertThat(s.signal().action()).isEqualTo(CallAction.HANGUP);
      assertThat(s.signal().durationSeconds()).isEqualTo(60);
    });
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
      assertThat(r.answeredBy()).isEqualTo("agent2");
      assertThat(r.durationSeconds()).isEqualTo(60);
    });
    assertThat(relayKeys().keys(SharedCallBook.CALL)).isEmpty();
    assertThat(relayKeys().keys(SharedCallBook.AGENT)).isEmpty();
    assertThat(a.activeCalls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(CallProtocol.class)
  void ringTimeoutArmedByADeadProcessFiresOnceOnTheOther(CallProtocol p) {
    CallRelay a = process("A", CallRelayConfig.parallel(List.of("agent1")));
    process("B", CallRelayConfig.parallel(List.of("agent1")));
    a.onSignal("alice", new Client(p, "alice").invite("inv-1", "7"));
    int timeout = p == CallProtocol.LEGACY_V3 ? 60 : 30;
    // A dies here: it never polls again. B polls every second.
    advance(Duration.ofSeconds(timeout - 1), "B");
    assertThat(records).isEmpty();
    advance(Duration.ofSeconds(1), "B");
    assertThat(to("alice")).singleElement().satisfies(s -> {
      assertThat(s.process()).isEqualTo("B");
      assertThat(s.signal().action()).isEqualTo(CallAction.NO_ANSWER);
    });
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.NO_ANSWER);
    assertThat(records).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(CallOutcome.MISSED));
    advance(Duration.ofMinutes(10), "B");
    assertThat(sent).hasSize(3);
    assertThat(store.timers().claimDue(clock.now().plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10)).isEmpty();
    assertThat(relayKeys().keys("")).allMatch(k -> k.startsWith(SharedCallBook.LEG));
  }

  @Test
  void bothAlive_theRingTimeoutFiresOnce() {
    process("A", CallRelayConfig.parallel(List.of("agent1", "agent2")));
    process("B", CallRelayConfig.parallel(List.of("agent1", "agent2")));
    relays.get("B").onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    advance(Duration.ofSeconds(61), "A", "B");
    assertThat(actionsTo("alice")).containsExactly(CallAction.NO_ANSWER);
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.NO_ANSWER);
    assertThat(actionsTo("agent2")).containsExactly(CallAction.INVITE, CallAction.NO_ANSWER);
    assertThat(records).hasSize(1);
  }

  @Test
  void sequentialRinging_moveOnDecidedByWhicheverProcessFiresOrHearsTheAnswer() {
    CallRelayConfig config = CallRelayConfig.sequential(List.of("agent1", "agent2", "agent3"), Duration.ofSeconds(10));
    CallRelay a = process("A", config);
    CallRelay b = process("B", config);
    a.onSignal("bob", new Client(CallProtocol.SIGNALING, "bob").invite("inv-bob", "9"));
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE);
    advance(Duration.ofSeconds(10), "B"); // agent1's ring ends on B
    assertThat(to("agent1")).last().satisfies(s -> {
      assertThat(s.process()).isEqualTo("B");
      assertThat(s.signal().action()).isEqualTo(CallAction.NO_ANSWER);
    });
    assertThat(actionsTo("agent2")).containsExactly(CallAction.INVITE);
    // agent2 rejects through A; agent3 accepts through B.
    a.onSignal("agent2", new Client(CallProtocol.SIGNALING, "agent2").answer(lastTo("agent2"), CallAction.REJECT));
    assertThat(actionsTo("agent3")).containsExactly(CallAction.INVITE);
    b.onSignal("agent3", new Client(CallProtocol.SIGNALING, "agent3").answer(lastTo("agent3"), CallAction.ACCEPT));
    assertThat(actionsTo("bob")).containsExactly(CallAction.ACCEPT);
    // The call rings no more: its old deadlines do nothing anywhere.
    advance(Duration.ofSeconds(90), "A", "B");
    assertThat(actionsTo("bob")).containsExactly(CallAction.ACCEPT);
    assertThat(records).isEmpty();
    assertThat(a.isEngaged("agent3")).isTrue();
    assertThat(a.isEngaged("agent1")).isFalse();
  }

  @Test
  void twoCallersOnTwoProcesses_oneAgentIsRungOnce_theOtherCallerHearsBusy() {
    CallRelay a = process("A", CallRelayConfig.parallel(List.of("agent1")));
    CallRelay b = process("B", CallRelayConfig.parallel(List.of("agent1")));
    a.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    b.onSignal("bob", new Client(CallProtocol.LEGACY_V3, "bob").invite("", "8"));
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE);
    assertThat(actionsTo("bob")).containsExactly(CallAction.BUSY);
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.caller()).isEqualTo("bob");
      assertThat(r.outcome()).isEqualTo(CallOutcome.BUSY);
    });
    // alice, in her call, calls again through B: busy, and her call goes on.
    b.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "9"));
    assertThat(actionsTo("alice")).containsExactly(CallAction.BUSY);
    assertThat(a.activeCalls()).isEqualTo(1);
  }

  @Test
  void manyCallersOnTwoProcessesAtOnce_theOneAgentIsRungForOneCall() throws Exception {
    process("A", CallRelayConfig.parallel(List.of("agent1")));
    process("B", CallRelayConfig.parallel(List.of("agent1")));
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (String p : List.of("A", "B")) {
        runs.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 15; i++) {
            String caller = "c" + p + i;
            relays.get(p).onSignal(caller, new Client(CallProtocol.LEGACY_V3, caller).invite("", "1" + i));
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : runs) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE);
    assertThat(records).hasSize(29).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(CallOutcome.BUSY));
    assertThat(relays.get("A").activeCalls()).isEqualTo(1);
  }

  @Test
  void anAnswerThatLosesTheRaceToACancelSaysNothingToTheCaller() {
    CallRelay a = process("A", CallRelayConfig.parallel(List.of("agent1")));
    Client alice = new Client(CallProtocol.SIGNALING, "alice");
    CallSignal invite = alice.invite("inv-1", "7");
    a.onSignal("alice", invite);
    CallSignal rung = lastTo("agent1");
    // B reads the ringing call; before B saves agent1's accept, alice's cancel is saved through A.
    Store.KeyedState keys = storeOf("B").state(SharedCallBook.NAMESPACE);
    Store racing = new RacingStore(storeOf("B"), keys, SharedCallBook.CALL, () -> a.onSignal("alice", alice.cancel(invite)));
    stores.put("B", racing);
    CallRelay b = CallRelay.builder().bot(BOT).config(CallRelayConfig.parallel(List.of("agent1"))).clock(clock)
        .meterRegistry(new SimpleMeterRegistry()).onCallEnded(records::add)
        .transport((to, protocol, data) -> sent.add(new Sent("B", to, CallSignals.decode(data).orElseThrow())))
        .shared(racing).build();
    b.onSignal("agent1", new Client(CallProtocol.SIGNALING, "agent1").answer(rung, CallAction.ACCEPT));
    assertThat(actionsTo("alice")).isEmpty(); // never an accept for a call that was cancelled
    assertThat(to("agent1")).extracting(s -> s.process() + ":" + s.signal().action())
        .containsExactly("A:INVITE", "A:CANCEL", "B:CANCEL"); // B's retry finds no call: stop ringing
    assertThat(records).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(CallOutcome.CANCELLED));
  }

  @Test
  void anAgentTakenByAnotherProcessBetweenLookAndClaimIsNotRungTwice() {
    CallRelay b = process("B", CallRelayConfig.parallel(List.of("agent1")));
    // A sees agent1 free; before A takes them, B's caller takes them.
    Store racing = new RacingStore(storeOf("A"), storeOf("A").state(SharedCallBook.NAMESPACE), SharedCallBook.AGENT,
        () -> b.onSignal("bob", new Client(CallProtocol.LEGACY_V3, "bob").invite("", "8")));
    stores.put("A", racing);
    CallRelay a = CallRelay.builder().bot(BOT).config(CallRelayConfig.parallel(List.of("agent1"))).clock(clock)
        .meterRegistry(new SimpleMeterRegistry()).onCallEnded(records::add)
        .transport((to, protocol, data) -> sent.add(new Sent("A", to, CallSignals.decode(data).orElseThrow())))
        .shared(racing).build();
    a.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    assertThat(to("agent1")).extracting(s -> s.process() + ":" + s.signal().action()).containsExactly("B:INVITE");
    assertThat(actionsTo("alice")).containsExactly(CallAction.BUSY);
    assertThat(actionsTo("bob")).isEmpty();
    assertThat(b.activeCalls()).isEqualTo(1);
  }

  @Test
  void aFailureGivingBackAgentsAfterTheSaveStillSendsTheSignalsAndTheRecord() {
    boolean[] down = {false};
    // Giving an agent back (a compare-and-set on agent/...) fails; reading and saving the call work.
    CallRelay a = processOver("A", new FailingStore(storeOf("A"),
        (op, key) -> down[0] && op.equals("replace") && key.startsWith(SharedCallBook.AGENT)),
        CallRelayConfig.parallel(List.of("agent1")));
    a.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    down[0] = true;
    advance(Duration.ofSeconds(61), "A");
    assertThat(actionsTo("alice")).containsExactly(CallAction.NO_ANSWER);
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.NO_ANSWER);
    assertThat(records).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(CallOutcome.MISSED));
  }

  @Test
  void aTimerWhoseRunMeetsAStoreOutageFiresAgainOnceTheStoreIsBack() {
    CallRelay a = process("A", CallRelayConfig.parallel(List.of("agent1")));
    a.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    // B reads calls through a store that is down when the ring timeout comes (its timers still answer).
    boolean[] down = {false};
    Store flaky = new FailingStore(storeOf("B"), (op, key) -> down[0]);
    processOver("B", flaky, CallRelayConfig.parallel(List.of("agent1")));
    advance(Duration.ofSeconds(59), "B");
    down[0] = true;
    advance(Duration.ofSeconds(3), "B"); // due now; the run fails and is reported done
    assertThat(actionsTo("alice")).isEmpty();
    down[0] = false;
    advance(Duration.ofSeconds(CallRelay.TIMER_RETRY.toSeconds()), "B");
    assertThat(actionsTo("alice")).containsExactly(CallAction.NO_ANSWER);
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE, CallAction.NO_ANSWER);
    advance(Duration.ofMinutes(10), "B");
    assertThat(records).hasSize(1);
    assertThat(sent).hasSize(3);
  }

  @Test
  void anAgentClaimLeftByADeadProcessIsTakenOverAfterItsGrace() {
    CallRelay b = process("B", CallRelayConfig.parallel(List.of("agent1")));
    // A died after taking agent1 for a call it never saved.
    relayKeys().replace(SharedCallBook.AGENT + "agent1", null,
        ("carol\0v3-carol-1\0" + clock.now().toEpochMilli()).getBytes(StandardCharsets.UTF_8), Duration.ofHours(3));
    b.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    assertThat(actionsTo("alice")).containsExactly(CallAction.BUSY); // too young to tell
    clock.advance(SharedCallBook.CLAIM_GRACE);
    b.onSignal("dave", new Client(CallProtocol.LEGACY_V3, "dave").invite("", "8"));
    assertThat(actionsTo("agent1")).containsExactly(CallAction.INVITE);
    assertThat(actionsTo("dave")).isEmpty();
  }

  @Test
  void callsEndedOnTwoProcessesAreLoggedUnderTwoKeys() {
    CallRelay a = process("A", CallRelayConfig.parallel(List.of("agent1", "agent2")));
    CallRelay b = process("B", CallRelayConfig.parallel(List.of("agent1", "agent2")));
    Client alice = new Client(CallProtocol.LEGACY_V3, "alice");
    Client bob = new Client(CallProtocol.LEGACY_V3, "bob");
    // The first call logs on each process before the second (each reads the log's sequence once).
    a.onSignal("alice", alice.invite("", "7"));
    a.onSignal("alice", alice.cancel(alice.invite("", "7")));
    b.onSignal("bob", bob.invite("", "8"));
    b.onSignal("bob", bob.cancel(bob.invite("", "8")));
    a.onSignal("alice", alice.invite("", "9"));
    a.onSignal("alice", alice.cancel(alice.invite("", "9")));
    Store.KeyedState log = store.state(StoreCallLog.NAMESPACE);
    assertThat(log.keys(StoreCallLog.PREFIX)).hasSize(3);
    assertThat(log.keys(StoreCallLog.PREFIX).stream()
        .map(k -> new String(log.get(k).orElseThrow(), StandardCharsets.UTF_8).contains("\"caller\":\"bob\"")).toList())
        .containsExactly(false, true, false);
  }

  @Test
  void aProcessStoppingLeavesSharedCallsToTheOthers() {
    CallRelay a = process("A", CallRelayConfig.parallel(List.of("agent1")));
    CallRelay b = process("B", CallRelayConfig.parallel(List.of("agent1")));
    a.onSignal("alice", new Client(CallProtocol.LEGACY_V3, "alice").invite("", "7"));
    a.close();
    assertThat(actionsTo("alice")).isEmpty();
    b.onSignal("agent1", new Client(CallProtocol.LEGACY_V3, "agent1").answer(lastTo("agent1"), CallAction.ACCEPT));
    assertThat(actionsTo("alice")).containsExactly(CallAction.ACCEPT);
    assertThat(records).isEmpty();
    assertThat(Optional.ofNullable(relayKeys().get(SharedCallBook.CALL + "alice").orElse(null))).isPresent();
  }
}
