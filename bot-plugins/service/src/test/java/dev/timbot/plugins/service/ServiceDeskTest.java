package dev.timbot.plugins.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.ImageElem.ImageInfo;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
import dev.timbot.message.TextElem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations between customers, agents and the desk on a virtual clock. */
class ServiceDeskTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  record Sent(String to, List<MessageElem> elements) {
    String text() {
      return elements.stream().filter(TextElem.class::isInstance).map(e -> ((TextElem) e).text())
          .reduce("", String::concat);
    }
  }

  final VirtualClock clock = new VirtualClock();
  final List<Sent> sent = new ArrayList<>();
  final InMemoryDeskStore store = new InMemoryDeskStore();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  boolean open = true;

  ServiceConfig.Builder config() {
    return ServiceConfig.builder()
        .agent(new AgentSpec("alice", List.of("billing"), 1))
        .agent(new AgentSpec("bob", List.of("billing", "tech"), 2))
        .queueTimeout(Duration.ofMinutes(5))
        .inactivity(Duration.ofMinutes(3), Duration.ofMinutes(6))
        .priorityRule(new PriorityRule("vip-.*", 9));
  }

  ServiceDesk desk(ServiceConfig config, DeskStore store) {
    ServiceDesk desk = ServiceDesk.builder().config(config).outbox((to, e) -> {
          sent.add(new Sent(to, e));
          return CompletableFuture.completedFuture("copy-" + sent.size());
        })
        .clock(clock).store(store).openWhen(() -> open).meterRegistry(meters).build();
    desk.restore();
    return desk;
  }

  ServiceDesk desk() {
    return desk(config().build(), store);
  }

  static Message text(String from, String text) {
    return Message.builder().conversation(Conversation.c2c(from)).from(from).to("bot").text(text).build();
  }

  static Message elems(String from, MessageElem... e) {
    return Message.builder().conversation(Conversation.c2c(from)).from(from).to("bot").elements(List.of(e)).build();
  }

  Sent last(String to) {
    List<Sent> s = sent.stream().filter(x -> x.to().equals(to)).toList();
    return s.get(s.size() - 1);
  }

  List<String> textsTo(String to) {
    return sent.stream().filter(x -> x.to().equals(to)).map(Sent::text).toList();
  }

  @Test
  void handoffAssignsTheLeastBusyAgentAndRelaysTextAndImagesBothWays() {
    ServiceDesk desk = desk();
    desk.onPresence("alice", true);
    desk.onPresence("bob", true);
    assertThat(desk.onMessage("u1", text("u1", "where is my parcel"))).isFalse();
    assertThat(desk.onMessage("u1", text("u1", "转人工"))).isTrue();
    assertThat(desk.agentOf("u1")).contains("alice");
    assertThat(last("u1").text()).contains("alice");
    assertThat(last("alice").text()).contains("u1").contains("where is my parcel");
    assertThat(desk.owns("u1")).isTrue();

    desk.onMessage("u2", text("u2", "I need a human please"));
    assertThat(desk.agentOf("u2")).contains("bob"); // alice is full (max 1)

    ImageElem img = new ImageElem("uuid", 1, List.of(new ImageInfo(1, 10, 2, 2, "http://img/a.png")));
    desk.onMessage("u1", elems("u1", img));
    assertThat(last("alice").elements()).hasSize(2);
    assertThat(last("alice").elements().get(0)).isEqualTo(TextElem.of("[u1] "));
    assertThat(last("alice").elements().get(1)).isEqualTo(img);

    desk.onMessage("alice", elems("alice", TextElem.of("Here it is:"), img));
    assertThat(last("u1").elements()).containsExactly(TextElem.of("Here it is:"), img);
    assertThat(store.transcript).extracting(TranscriptEntry::kind).contains("customer", "agent");
    assertThat(meters.counter("timbot.service.handoffs", "result", "assigned").count()).isEqualTo(2);
  }

  @Test
  void queuePositionsPriorityAndTimeout() {
    ServiceDesk desk = desk(ServiceConfig.builder().agent(new AgentSpec("alice", List.of(), 1))
        .queueTimeout(Duration.ofMinutes(5)).priorityRule(new PriorityRule("vip-.*", 9)).build(), store);
    desk.onPresence("alice", true);
    desk.onMessage("u1", text("u1", "human"));
    desk.onMessage("u2", text("u2", "human"));
    desk.onMessage("u3", text("u3", "human"));
    assertThat(desk.positionOf("u2")).isEqualTo(1);
    assertThat(desk.positionOf("u3")).isEqualTo(2);
    assertThat(last("u3").text()).contains("number 2");
    desk.onMessage("vip-1", text("vip-1", "转人工"));
    assertThat(desk.positionOf("vip-1")).isEqualTo(1);
    assertThat(last("u2").text()).contains("now number 2");
    assertThat(last("u3").text()).contains("now number 3");
    assertThat(desk.onMessage("u3", text("u3", "hello?"))).isTrue(); // queued: the bot stays quiet

    desk.onMessage("alice", text("alice", "/end"));
    assertThat(desk.agentOf("vip-1")).contains("alice");
    assertThat(last("u2").text()).contains("now number 1");

    clock.advance(Duration.ofMinutes(5));
    assertThat(desk.positionOf("u2")).isZero();
    assertThat(last("u2").text()).contains("Leave a message");
    desk.onMessage("u2", text("u2", "please call me back at 123"));
    assertThat(store.leftMessages).singleElement().satisfies(m -> assertThat(m.customer()).isEqualTo("u2"));
    assertThat(last("u2").text()).contains("recorded");
  }

  @Test
  void noAgentOnlineAndOutOfHoursNeverWaitSilently() {
    ServiceDesk desk = desk();
    desk.onMessage("u1", text("u1", "人工客服"));
    assertThat(last("u1").text()).contains("No agent is online");
    assertThat(desk.owns("u1")).isTrue();
    open = false;
    desk.onPresence("alice", true);
    desk.onMessage("u2", text("u2", "转人工"));
    assertThat(last("u2").text()).contains("outside working hours");
    clock.advance(LeftMessages.WINDOW.plusSeconds(1));
    assertThat(desk.owns("u2")).isFalse();
  }

  @Test
  void transferToAgentAndToGroup() {
    ServiceDesk desk = desk();
    desk.onPresence("alice", true);
    desk.onPresence("bob", true);
    desk.onMessage("u1", text("u1", "human"));
    assertThat(desk.agentOf("u1")).contains("alice");
    desk.onMessage("alice", text("alice", "/note VIP, order 123"));
    desk.onMessage("alice", text("alice", "/transfer bob"));
    assertThat(desk.agentOf("u1")).contains("bob");
    assertThat(textsTo("u1")).anyMatch(t -> t.contains("transferred"));
    assertThat(store.sessions).singleElement().satisfies(r -> {
      assertThat(r.endReason()).isEqualTo("transferred to bob");
      assertThat(r.notes()).containsExactly("VIP, order 123");
    });
    desk.onMessage("bob", text("bob", "/transfer tech"));
    assertThat(desk.agentOf("u1")).contains("bob"); // bob is the only tech agent and has room
    desk.onMessage("bob", text("bob", "/transfer nobody"));
    assertThat(last("bob").text()).contains("No agent or group called 'nobody'");
  }

  @Test
  void inactivityRemindsThenCloses_andRatingByCardAndByText() throws Exception {
    ServiceDesk desk = desk();
    desk.onPresence("alice", true);
    desk.onMessage("u1", text("u1", "human"));
    clock.advance(Duration.ofMinutes(2));
    desk.onMessage("u1", text("u1", "still there?"));
    clock.advance(Duration.ofMinutes(3));
    assertThat(last("u1").text()).contains("Are you still there");
    clock.advance(Duration.ofMinutes(3));
    assertThat(desk.agentOf("u1")).isEmpty();
    assertThat(store.sessions.get(0).endReason()).startsWith("inactive");
    Sent card = sent.stream().filter(s -> s.to().equals("u1") && s.elements().get(0) instanceof CustomElem).findFirst().orElseThrow();
    var json = JSON.readTree(((CustomElem) card.elements().get(0)).data());
    assertThat(json.get("src").asText()).isEqualTo("9");
    String sessionId = json.at("/menuContent/sessionId").asText();
    assertThat(sessionId).isEqualTo(store.sessions.get(0).sessionId());
    assertThat(json.at("/menuContent/head").asText()).contains("reply 1–5");
    assertThat(textsTo("u1")).noneMatch(t -> t.contains("reply 1–5")); // one prompt: the card, not card + text

    String answer = "{\"src\":\"10\",\"menuSelected\":{\"id\":\"4\",\"content\":\"4\",\"sessionId\":\"" + sessionId + "\"},\"customerServicePlugin\":0}";
    assertThat(desk.onMessage("u1", elems("u1", CustomElem.of(answer)))).isTrue();
    assertThat(store.ratings).singleElement().satisfies(r -> assertThat(r.rating()).isEqualTo(4));
    assertThat(last("u1").text()).contains("Thank you for your rating");
    desk.onMessage("u1", elems("u1", CustomElem.of(answer)));
    assertThat(last("u1").text()).contains("already rated");
    assertThat(store.ratings).hasSize(1);
    assertThat(desk.onMessage("u1", text("u1", "5"))).isFalse(); // rated: digits go to the other plugins

    // Text rating for a second session; a late answer after expiry is answered politely.
    desk.onMessage("u1", text("u1", "human"));
    desk.onMessage("u1", text("u1", "bye"));
    assertThat(desk.onMessage("u1", text("u1", "5"))).isTrue();
    assertThat(store.ratings).extracting(InMemoryDeskStore.Rating::rating).containsExactly(4, 5);
    desk.onMessage("u1", text("u1", "human"));
    desk.onMessage("alice", text("alice", "/end"));
    clock.advance(Duration.ofHours(25));
    desk.onMessage("u1", text("u1", "3"));
    assertThat(last("u1").text()).contains("has closed");
    assertThat(store.ratings).hasSize(2);
  }

  @Test
  void restartInTheMiddleOfASessionKeepsItAndItsTimers(@TempDir Path dir) throws Exception {
    ServiceDesk before = desk(config().build(), new JsonFileDeskStore(dir));
    before.onPresence("alice", true);
    before.onMessage("u1", text("u1", "human"));
    clock.advance(Duration.ofMinutes(2));
    before.onMessage("u1", text("u1", "my order is late"));

    before.stop(); // the old process is gone
    ServiceDesk after = desk(config().build(), new JsonFileDeskStore(dir)); // a new process
    assertThat(after.agentOf("u1")).contains("alice");
    after.onMessage("alice", text("alice", "Sorry! Checking now."));
    assertThat(last("u1").text()).isEqualTo("Sorry! Checking now.");
    clock.advance(Duration.ofMinutes(3));
    assertThat(last("u1").text()).contains("Are you still there");
    clock.advance(Duration.ofMinutes(3));
    assertThat(after.agentOf("u1")).isEmpty();
    assertThat(Files.readAllLines(dir.resolve("sessions.jsonl"))).singleElement()
        .satisfies(l -> assertThat(l).contains("\"customer\":\"u1\"", "\"agent\":\"alice\"", "inactive"));
    assertThat(Files.readString(dir.resolve("transcripts.jsonl"))).contains("my order is late", "TIMTextElem");
  }

  @Test
  void badInput_nonAgentCommandsAgentOfflineAndClosedSessions() {
    ServiceDesk desk = desk();
    desk.onPresence("alice", true);
    desk.onPresence("bob", true);
    assertThat(desk.rejectAgentCommand("u9", text("u9", "/accept"))).isTrue();
    assertThat(last("u9").text()).contains("agents only");
    assertThat(desk.rejectAgentCommand("u9", text("u9", "/weather"))).isFalse();

    desk.onMessage("u1", text("u1", "human")); // alice
    desk.onMessage("u2", text("u2", "human")); // bob
    desk.onMessage("u3", text("u3", "human")); // bob (2 max)
    desk.onMessage("u4", text("u4", "human")); // queued
    assertThat(desk.positionOf("u4")).isEqualTo(1);
    desk.onPresence("alice", false);
    assertThat(textsTo("u1")).anyMatch(t -> t.contains("went offline"));
    assertThat(desk.positionOf("u1")).isEqualTo(1); // re-queued at the front
    assertThat(desk.positionOf("u4")).isEqualTo(2);

    desk.onMessage("bob", text("bob", "/switch u2"));
    desk.onMessage("bob", text("bob", "/end"));
    assertThat(desk.agentOf("u1")).contains("bob");
    assertThat(desk.onMessage("u2", text("u2", "hello? anyone"))).isFalse(); // closed: back to the bot
    desk.onMessage("alice", text("alice", "I'm back")); // writing means online: she takes u4
    assertThat(desk.agentOf("u4")).contains("alice");
    assertThat(textsTo("u4")).noneMatch(t -> t.contains("I'm back"));
    desk.onMessage("alice", text("alice", "/end"));
    desk.onMessage("alice", text("alice", "hello"));
    assertThat(last("alice").text()).contains("no active customer");
    assertThat(desk.onMessage("bob", text("bob", "/frobnicate"))).isFalse(); // other plugins' commands pass
  }

  @Test
  void faqGivingUpTwiceInARowHandsOff() {
    ServiceDesk desk = desk(config().offerHandoff(false).build(), store);
    desk.onPresence("alice", true);
    desk.faqGaveUp("u1");
    desk.faqAnswered("u1");
    desk.faqGaveUp("u1");
    assertThat(desk.agentOf("u1")).isEmpty();
    desk.faqGaveUp("u1");
    assertThat(desk.agentOf("u1")).contains("alice");
  }

  @Test
  void phrasesMatchWordsNotFragments() {
    assertThat(new Phrases(List.of("agent")).matches("can I talk to an agent?")).isTrue();
    assertThat(new Phrases(List.of("agent")).matches("my user agents list")).isFalse();
    assertThat(new Phrases(List.of("转人工")).matches("我要转人工服务")).isTrue();
  }

  @Test
  void aNewCustomerNeverTakesOverTheConversationTheAgentIsIn() {
    ServiceDesk desk = desk(ServiceConfig.builder().agent(new AgentSpec("bob", List.of(), 3)).build(), store);
    desk.onPresence("bob", true);
    desk.onMessage("u1", text("u1", "human"));
    desk.onMessage("bob", text("bob", "Hello u1"));
    desk.onMessage("u2", text("u2", "human")); // assigned to bob too, while he talks to u1
    assertThat(last("bob").text()).contains("still talking to u1").contains("/switch u2");
    desk.onMessage("bob", text("bob", "Your address is 1 Main St"));
    assertThat(last("u1").text()).isEqualTo("Your address is 1 Main St");
    assertThat(textsTo("u2")).noneMatch(t -> t.contains("Main St"));
    desk.onMessage("bob", text("bob", "/end")); // ends u1: bob is told who is next
    assertThat(textsTo("bob")).anyMatch(t -> t.equals("Now talking to u2."));
    desk.onMessage("bob", text("bob", "Hi u2"));
    assertThat(last("u2").text()).isEqualTo("Hi u2");
  }

  static Message keyed(String from, String key, String text) {
    return Message.builder().conversation(Conversation.c2c(from)).from(from).to("bot").msgKey(key).text(text).build();
  }

  @Test
  void aRecalledMessageLeavesTheContextTheTranscriptAndTheAgentsChat() {
    List<String[]> recalled = new ArrayList<>();
    ServiceDesk desk = ServiceDesk.builder().config(config().build())
        .outbox((to, e) -> {
          sent.add(new Sent(to, e));
          return CompletableFuture.completedFuture("copy-" + sent.size());
        })
        .recaller((to, key) -> {
          recalled.add(new String[] {to, key});
          return CompletableFuture.completedFuture(null);
        })
        .clock(clock).store(store).meterRegistry(meters).build();
    desk.onPresence("alice", true);
    desk.onMessage("u1", keyed("u1", "k-pin", "my card PIN is 9999"));
    desk.onRecall("u1", "k-pin");
    desk.onMessage("u1", keyed("u1", "k-h", "human"));
    assertThat(textsTo("alice")).noneMatch(t -> t.contains("9999")); // not in "Recent:"
    desk.onMessage("u1", keyed("u1", "k-2", "my new PIN is 1234"));
    int copyIndex = sent.size();
    assertThat(last("alice").text()).contains("1234");
    assertThat(desk.onRecall("u1", "k-2")).isEqualTo(1);
    assertThat(recalled).singleElement().satisfies(r -> assertThat(r).containsExactly("alice", "copy-" + copyIndex));
    assertThat(store.transcript).noneMatch(e -> e.elements().toString().contains("1234"));
    desk.onMessage("alice", text("alice", "/history"));
    assertThat(last("alice").text()).doesNotContain("1234").doesNotContain("9999");
  }

  @Test
  void aCopyNotSentYetIsNeverSentOnceItsOriginalIsRecalled() {
    List<CompletableFuture<String>> inFlight = new ArrayList<>();
    ServiceDesk desk = ServiceDesk.builder().config(config().build())
        .outbox((to, e) -> {
          sent.add(new Sent(to, e));
          CompletableFuture<String> f = new CompletableFuture<>();
          inFlight.add(f);
          return f;
        })
        .clock(clock).store(store).meterRegistry(meters).build();
    desk.onPresence("alice", true);
    desk.onMessage("u1", keyed("u1", "k-h", "human"));
    desk.onMessage("u1", keyed("u1", "k-secret", "secret 4242"));
    assertThat(sent).noneMatch(s -> s.text().contains("4242")); // waits behind the unanswered sends
    desk.onRecall("u1", "k-secret");
    inFlight.forEach(f -> f.complete("x")); // the earlier sends are answered, in order
    for (int i = 0; i < inFlight.size(); i++) {
      inFlight.get(i).complete("x");
    }
    assertThat(sent).noneMatch(s -> s.text().contains("4242"));
  }

  @Test
  void aLongMessageIsSplitInOrderAndTheCustomerIsToldSo() {
    ServiceDesk desk = desk(config().maxMessageBytes(1000).build(), store);
    desk.onPresence("alice", true);
    desk.onMessage("u1", text("u1", "human"));
    String longText = "x".repeat(2500);
    desk.onMessage("u1", text("u1", longText));
    List<String> toAlice = textsTo("alice").stream().filter(t -> t.contains("xxx")).toList();
    assertThat(toAlice).hasSize(3);
    assertThat(toAlice.get(0)).startsWith("(1/3) [u1] ");
    assertThat(toAlice.get(2)).startsWith("(3/3) ");
    assertThat(String.join("", toAlice).replaceAll("\\(\\d/3\\) |\\[u1\\] ", "")).isEqualTo(longText);
    assertThat(last("u1").text()).contains("3 parts");
  }

  @Test
  void aRejectedRelayIsReportedToTheSender() {
    ServiceDesk desk = ServiceDesk.builder().config(config().build())
        .outbox((to, e) -> {
          sent.add(new Sent(to, e));
          return e.get(0) instanceof TextElem t && t.text().startsWith("[u1] too big")
              ? CompletableFuture.failedFuture(new IllegalStateException("80002 message too long"))
              : CompletableFuture.completedFuture("k");
        })
        .clock(clock).store(store).meterRegistry(meters).build();
    desk.onPresence("alice", true);
    desk.onMessage("u1", text("u1", "human"));
    desk.onMessage("u1", text("u1", "too big"));
    assertThat(last("u1").text()).contains("could not be delivered").contains("80002");
    assertThat(meters.counter("timbot.service.send.failures").count()).isEqualTo(1);
    assertThat(store.transcript).anySatisfy(e -> assertThat(e.elements().toString()).contains("not delivered to alice"));
  }

  @Test
  void missesInARowOfferAHumanFirst_aBareOneTakesItUpUntilItLapses() {
    ServiceDesk desk = desk();
    desk.onPresence("alice", true);
    desk.faqGaveUp("u1");
    desk.faqGaveUp("u1");
    assertThat(desk.agentOf("u1")).isEmpty(); // offered, not handed over
    assertThat(last("u1").text()).contains("Reply 1 to talk to a person");
    assertThat(desk.onMessage("u1", text("u1", "1 more question"))).isFalse();
    clock.advance(HandoffOffers.VALID.plusSeconds(1));
    assertThat(desk.onMessage("u1", text("u1", "1"))).isFalse(); // lapsed: the bot's again
    desk.faqGaveUp("u1");
    desk.faqGaveUp("u1");
    assertThat(desk.onMessage("u1", text("u1", "\uFF11"))).isTrue(); // a full-width 1 too
    assertThat(desk.agentOf("u1")).contains("alice");
  }

  @Test
  void aWaitingCustomerIsAnsweredWithTheirPosition() {
    ServiceDesk desk = desk();
    desk.onPresence("alice", true);
    desk.onMessage("u1", text("u1", "human"));
    desk.onMessage("u2", text("u2", "human")); // alice has room for one: queued
    sent.clear();
    assertThat(desk.onMessage("u2", text("u2", "hello?"))).isTrue();
    assertThat(last("u2").text()).contains("number 1 in the queue");
  }

  @Test
  void theStateIsWrittenBehindNotPerRelayedMessage() {
    InMemoryDeskStore counting = new InMemoryDeskStore();
    ServiceDesk desk = desk(config().build(), counting);
    desk.onPresence("alice", true);
    desk.onMessage("u1", text("u1", "human"));
    for (int i = 0; i < 50; i++) {
      desk.onMessage("u1", text("u1", "line " + i));
    }
    assertThat(counting.stateWrites()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(counting.stateWrites()).isEqualTo(1);
    assertThat(counting.loadState().orElseThrow().sessions()).singleElement()
        .satisfies(s -> assertThat(s.customer()).isEqualTo("u1"));
  }
}
