package dev.timbot.plugins.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two desks ("processes") over one shared store: each conversation is handled by one process at a
 * time, but a customer and their agent may be on different ones, and a process may die.
 */
class DeskClusterTest extends DeskCluster {
  @Test
  void aHandoffStartedOnOneProcessGoesOnThroughTheOtherWhenItDies() {
    ProcessClock clockA = new ProcessClock(clock);
    ServiceDesk a = process("A", clockA);
    ServiceDesk b = process("B", new ProcessClock(clock));

    b.onPresence("alice", true); // alice's login reached B
    assertThat(a.onMessage("u1", text("u1", "human please"))).isTrue(); // u1's conversation is on A
    assertThat(last("u1").text()).contains("Agent alice is now with you");
    assertThat(last("alice").text()).contains("New customer u1");

    assertThat(b.onMessage("alice", text("alice", "Hello, how can I help?"))).isTrue(); // alice's is on B
    assertThat(last("u1")).extracting(Sent::process, Sent::text).containsExactly("B", "Hello, how can I help?");
    assertThat(a.onMessage("u1", text("u1", "my parcel is lost"))).isTrue();
    assertThat(last("alice")).extracting(Sent::process, Sent::text).containsExactly("A", "[u1] my parcel is lost");

    // A is killed: it writes nothing more and its timers never fire; u1's conversation moves to B.
    clockA.dead = true;
    assertThat(b.onMessage("u1", text("u1", "still there?"))).isTrue();
    assertThat(last("alice")).extracting(Sent::process, Sent::text).containsExactly("B", "[u1] still there?");
    b.onMessage("alice", text("alice", "Yes, looking into it"));
    assertThat(last("u1").text()).isEqualTo("Yes, looking into it");

    clock.advance(Duration.ofMinutes(3));
    assertThat(count("u1", "Are you still there?")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(3));
    assertThat(count("u1", "This chat has ended")).isEqualTo(1);
    assertThat(to("u1").stream().filter(Sent::isRatingCard).toList()).singleElement()
        .satisfies(card -> assertThat(card.process()).isEqualTo("B"));
    assertThat(count("alice", "Chat with u1 ended")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(30));
    assertThat(to("u1").stream().filter(Sent::isRatingCard)).hasSize(1);

    assertThat(b.onMessage("u1", text("u1", "5"))).isTrue();
    assertThat(last("u1").text()).contains("Thank you for your rating");
    assertThat(records().records(KeyedStateDeskStore.RATING)).singleElement()
        .satisfies(r -> assertThat(r.get("rating").asInt()).isEqualTo(5));
    assertThat(records().records(KeyedStateDeskStore.SESSION)).singleElement()
        .satisfies(r -> assertThat(r.get("endReason").asText()).contains("inactive"));
    DeskState state = stored();
    assertThat(state.sessions()).isEmpty();
    assertThat(state.ratings()).singleElement().satisfies(r -> assertThat(r.rated()).isTrue());
    assertThat(records().records(KeyedStateDeskStore.TRANSCRIPT)).extracting(j -> j.get("kind").asText())
        .containsExactly("system", "agent", "customer", "customer", "agent", "system");
  }

  @Test
  void timersArmedByEveryProcessActOnce() {
    ServiceDesk a = process("A", new ProcessClock(clock));
    process("B", new ProcessClock(clock)); // idle: learns of the session by its poll, arms the same timers
    a.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human"));
    a.onMessage("u2", text("u2", "human"));
    a.onMessage("u2", text("u2", "hello?"));

    clock.advance(Duration.ofMinutes(7));

    assertThat(count("u1", "Are you still there?")).isEqualTo(1);
    assertThat(count("u1", "This chat has ended")).isEqualTo(1);
    assertThat(count("u2", "This chat has ended")).isEqualTo(1);
    assertThat(to("u1").stream().filter(Sent::isRatingCard)).hasSize(1);
    assertThat(to("u2").stream().filter(Sent::isRatingCard)).hasSize(1);
    assertThat(records().records(KeyedStateDeskStore.SESSION)).hasSize(2);
    assertThat(stored().sessions()).isEmpty();
  }

  @Test
  void withoutSharingTheProcessesDiverge_soTheTestsAboveCanFail() {
    ServiceDesk a = process("A", new ProcessClock(clock), config().build(), false);
    ServiceDesk b = process("B", new ProcessClock(clock), config().build(), false);
    a.onPresence("alice", true);
    b.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human please"));
    b.onMessage("alice", text("alice", "Hello, how can I help?"));
    assertThat(last("alice").text()).contains("no active customer");
    assertThat(textsTo("u1")).doesNotContain("Hello, how can I help?");
  }

  @Test
  void aRelayedCopyIsRecalledWhicheverProcessTheRecallReaches() {
    ServiceDesk a = process("A", new ProcessClock(clock));
    ServiceDesk b = process("B", new ProcessClock(clock));
    b.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human"));
    a.onMessage("u1", ServiceDeskTest.keyed("u1", "k-2", "my new PIN is 1234"));
    String copy = "A-" + sent.size();
    assertThat(last("alice").text()).contains("1234");
    assertThat(b.onRecall("u1", "k-2")).isEqualTo(1); // u1's recall is handled by B
    assertThat(recalled).containsExactly("B:alice:" + copy);
    assertThat(a.onRecall("u1", "k-2")).isZero(); // recalled once
    assertThat(recalled).hasSize(1);
  }

  @Test
  void aCopyOnItsWayWhenTheRecallReachesTheOtherProcessIsRecalledByItsSender() {
    ServiceDesk a = process("A", new ProcessClock(clock));
    ServiceDesk b = process("B", new ProcessClock(clock));
    b.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human"));
    // While A sends the copy (its MsgKey not known yet), the recall is handled by B.
    duringNextSend = () -> assertThat(b.onRecall("u1", "k-3")).isZero();
    a.onMessage("u1", ServiceDeskTest.keyed("u1", "k-3", "call me on 555"));
    assertThat(recalled).containsExactly("A:alice:A-" + sent.size());
    // A copy not sent before the recall is never sent, whoever handled the recall.
    a.onMessage("u1", ServiceDeskTest.keyed("u1", "k-4", "and 777"));
    int before = sent.size();
    assertThat(b.onRecall("u1", "k-4")).isEqualTo(1);
    assertThat(sent).hasSize(before);
  }

  @Test
  void theAgentsHistoryHoldsWhatEveryProcessSaw() {
    ServiceDesk a = process("A", new ProcessClock(clock));
    ServiceDesk b = process("B", new ProcessClock(clock));
    b.onPresence("alice", true);
    assertThat(a.onMessage("u1", text("u1", "where is my parcel?"))).isFalse(); // the bot answers this one
    a.onMessage("u1", text("u1", "human"));
    assertThat(last("alice").text()).contains("Recent:").contains("u1: where is my parcel?");
    b.onMessage("alice", text("alice", "Which order?"));
    a.onMessage("u1", text("u1", "order 42"));

    b.onMessage("alice", text("alice", "/history"));

    assertThat(last("alice").text()).contains("u1: where is my parcel?", "alice: Which order?", "u1: order 42");
    assertThat(kv.keys(RecentHistory.PREFIX)).containsExactly(RecentHistory.PREFIX + "u1");
  }

  @Test
  void aLoginHandledByAnotherProcessCancelsTheDisconnectGrace_andAGraceOutlivesItsProcess() {
    ProcessClock clockA = new ProcessClock(clock);
    ServiceDesk a = process("A", clockA);
    ServiceDesk b = process("B", new ProcessClock(clock));
    a.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human"));

    a.onConnectionLost("alice", Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(30));
    b.onPresence("alice", true); // the page was only reloaded; the login reached B
    clock.advance(Duration.ofSeconds(60));
    assertThat(count("u1", "went offline")).isZero();
    assertThat(b.agentOf("u1")).contains("alice");

    a.onConnectionLost("alice", Duration.ofSeconds(60));
    clockA.dead = true;
    clock.advance(Duration.ofSeconds(61));
    assertThat(count("u1", "went offline")).isEqualTo(1);
    assertThat(b.isAvailable("alice")).isFalse();
    assertThat(b.positionOf("u1")).isEqualTo(1);
    assertThat(stored().agents()).noneMatch(s -> s.id().equals("alice") && s.online());
  }

  @Test
  void aDeadHoldersLeaseEnds_timersWaitForItThenActOnce() {
    ProcessClock clockA = new ProcessClock(clock);
    ServiceDesk a = process("A", clockA);
    ServiceDesk b = process("B", new ProcessClock(clock));
    a.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human"));
    clock.advance(Duration.ofMinutes(6).minusSeconds(1));
    // A dies in the middle of a change: the lock stays taken until its lease ends.
    assertThat(kv.replace(ClusterSync.LOCK, null, "A#dying".getBytes(StandardCharsets.UTF_8), ClusterSync.LEASE)).isTrue();
    clockA.dead = true;
    // A message the desk leaves to the bot does not need the desk (else: 15 s wait, then an error).
    assertThat(b.onMessage("u9", text("u9", "what are your opening hours?"))).isFalse();
    clock.advance(Duration.ofSeconds(2)); // due now, but B cannot take the desk yet
    assertThat(count("u1", "This chat has ended")).isZero();
    clock.advance(ClusterSync.LEASE);
    assertThat(count("u1", "This chat has ended")).isEqualTo(1);
    assertThat(to("u1").stream().filter(Sent::isRatingCard)).hasSize(1);
    assertThat(b.agentOf("u1")).isEmpty();
    assertThat(kv.get(ClusterSync.LOCK)).isEmpty();
  }

  @Test
  void whileTheStoreIsDownChangesFailClearly_andTimersActOnceItIsBack() {
    InterferingKeys keys = new InterferingKeys(kv);
    ServiceDesk a = process("A", new ProcessClock(clock), config().build(), true, keys);
    a.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human"));
    keys.down = true;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.onMessage("u1", text("u1", "hello?")))
        .hasMessageContaining("store down");
    clock.advance(Duration.ofMinutes(7)); // reminder and close fall due while the store is down
    assertThat(count("u1", "Are you still there?")).isZero();
    assertThat(count("u1", "This chat has ended")).isZero();

    keys.down = false;
    clock.advance(Duration.ofSeconds(10));
    assertThat(count("u1", "This chat has ended")).isEqualTo(1);
    assertThat(count("u1", "Are you still there?")).isZero(); // too late for a reminder: closed at once
    assertThat(to("u1").stream().filter(Sent::isRatingCard)).hasSize(1);
    assertThat(stored().sessions()).isEmpty();
  }

  @Test
  void aProcessWhoseLeaseEndedMidChangeWritesNothing_andReadsTheStateAgain() {
    ServiceDesk a = process("A", new ProcessClock(clock));
    ServiceDesk b = process("B", new ProcessClock(clock));
    a.onPresence("alice", true);
    byte[] other = "B#7".getBytes(StandardCharsets.UTF_8);
    duringNextSend = () -> { // A pauses past its lease; another process takes the desk
      clock.advance(ClusterSync.LEASE.plusSeconds(1));
      assertThat(kv.replace(ClusterSync.LOCK, null, other, ClusterSync.LEASE)).isTrue();
    };

    a.onMessage("u1", text("u1", "human"));

    assertThat(stored().sessions()).isEmpty();
    assertThat(kv.get(ClusterSync.LOCK)).hasValue(other); // A did not give back someone else's lock
    assertThat(kv.replace(ClusterSync.LOCK, other, null, null)).isTrue();
    assertThat(a.agentOf("u1")).as("A reads the stored state again").isEmpty();
    assertThat(b.agentOf("u1")).isEmpty();
  }

  @Test
  void queuePositionsAndTimeoutsFollowTheQueueWhicheverProcessChangedIt() {
    ServiceConfig one = ServiceConfig.builder().agent(new AgentSpec("alice", List.of(), 1))
        .queueTimeout(Duration.ofMinutes(5)).inactivity(Duration.ofMinutes(30), Duration.ofMinutes(60)).build();
    ServiceDesk a = process("A", new ProcessClock(clock), one, true);
    ServiceDesk b = process("B", new ProcessClock(clock), one, true);
    a.onPresence("alice", true);
    a.onMessage("u1", text("u1", "human"));
    a.onMessage("u2", text("u2", "human"));
    clock.advance(Duration.ofMinutes(1));
    b.onMessage("u3", text("u3", "human"));
    assertThat(last("u3").text()).contains("number 2");
    clock.advance(Duration.ofMinutes(3));
    b.onMessage("alice", text("alice", "/end")); // u2 gets alice; u3, told 2 by B, moves up
    assertThat(a.agentOf("u2")).contains("alice");
    assertThat(count("u3", "now number 1")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1)); // u2 was dequeued: its old timeout does nothing anywhere
    assertThat(count("u2", "Leave a message")).isZero();
    clock.advance(Duration.ofMinutes(1)); // u3 waited 5 min: asked once to leave a message
    assertThat(count("u3", "Leave a message")).isEqualTo(1);
    assertThat(stored().queue()).isEmpty();
    assertThat(stored().leaving()).extracting(DeskState.Leaving::customer).containsExactly("u3");
  }

  @Test
  void concurrentChangesOnBothProcessesLoseNothing() throws Exception {
    ServiceConfig roomy = ServiceConfig.builder().agent(new AgentSpec("alice", List.of(), 100))
        .agent(new AgentSpec("bob", List.of(), 100)).build();
    ServiceDesk a = process("A", new ProcessClock(clock), roomy, true);
    ServiceDesk b = process("B", new ProcessClock(clock), roomy, true);
    a.onPresence("alice", true);
    b.onPresence("bob", true);
    int perProcess = 25;
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (ServiceDesk desk : List.of(a, b)) {
        String prefix = desk == a ? "a" : "b";
        done.add(threads.submit(() -> {
          start.await();
          for (int i = 0; i < perProcess; i++) {
            desk.onMessage(prefix + i, text(prefix + i, "human"));
            desk.onMessage(prefix + i, text(prefix + i, "question " + i));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    DeskState state = stored();
    assertThat(state.sessions()).hasSize(2 * perProcess);
    assertThat(new HashSet<>(state.sessions().stream().map(DeskState.OpenSession::sessionId).toList()))
        .hasSize(2 * perProcess);
    assertThat(state.sessions().stream().filter(s -> s.agent().equals("alice")).count())
        .isBetween((long) perProcess - 1, (long) perProcess + 1); // least busy: the two stay level
    assertThat(state.sequence()).isEqualTo(2 * perProcess);
    assertThat(records().records(KeyedStateDeskStore.TRANSCRIPT)).hasSize(4 * perProcess);
    assertThat(kv.get(ClusterSync.LOCK)).isEmpty();
    for (int i = 0; i < perProcess; i++) {
      assertThat(textsTo("alice").contains("[a" + i + "] question " + i) || textsTo("bob").contains("[a" + i + "] question " + i))
          .as("a%d's question was relayed", i).isTrue();
    }
  }
}
