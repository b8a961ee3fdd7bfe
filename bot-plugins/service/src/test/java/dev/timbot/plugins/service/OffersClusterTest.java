package dev.timbot.plugins.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.timbot.spi.Store;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The FAQ's miss streaks and the "reply 1 to talk to a person" offers on a desk shared by two
 * processes: a customer's conversation moves to the other process (its holder died, the journal
 * was rebalanced) between two misses, or between the offer and the "1".
 */
class OffersClusterTest extends DeskCluster {
  static final String OFFERED = "Reply 1 to talk to a person";
  static final String ASSIGNED = "Agent alice is now with you";

  ServiceDesk process(String name, ProcessClock processClock, int misses) {
    return process(name, processClock, config().faqGiveUpsBeforeHandoff(misses).build(), true);
  }

  /** A process's streaks and offers alone (no desk around them), on {@code keys}. */
  HandoffOffers offersOn(Store.KeyedState keys, int misses) {
    HandoffOffers offers = new HandoffOffers(clock, misses);
    offers.shareThrough(keys);
    return offers;
  }

  /** The bot could not answer {@code customer} {@code times} times in a row, on {@code desk}'s process. */
  static void gaveUp(ServiceDesk desk, String customer, int times) {
    for (int i = 0; i < times; i++) {
      desk.faqGaveUp(customer);
    }
  }

  @Test
  void missesOnEitherProcessMakeOneStreak() {
    ProcessClock clockA = new ProcessClock(clock);
    ServiceDesk a = process("A", clockA, 3);
    ServiceDesk b = process("B", new ProcessClock(clock), 3);
    gaveUp(a, "u1", 2);
    clockA.dead = true; // A dies; u1's conversation moves to B
    assertThat(count("u1", OFFERED)).isZero();

    b.faqGaveUp("u1");

    assertThat(to("u1")).singleElement().satisfies(s -> {
      assertThat(s.process()).isEqualTo("B");
      assertThat(s.text()).contains(OFFERED);
    });
    assertThat(kv.get(SharedOfferBook.MISSES + "u1")).as("the streak starts again").isEmpty();
    gaveUp(b, "u1", 2);
    assertThat(count("u1", OFFERED)).isEqualTo(1);
  }

  @Test
  void anAnswerOnEitherProcessRestartsTheStreak() {
    ServiceDesk a = process("A", new ProcessClock(clock), 3);
    ServiceDesk b = process("B", new ProcessClock(clock), 3);
    gaveUp(a, "u1", 2);
    b.faqAnswered("u1");
    a.faqGaveUp("u1");
    b.faqGaveUp("u1");
    assertThat(count("u1", OFFERED)).isZero();
    a.faqGaveUp("u1");
    assertThat(count("u1", OFFERED)).isEqualTo(1);
  }

  @Test
  void anOfferMadeOnOneProcessIsTakenUpOnTheOther_once() {
    ServiceDesk a = process("A", new ProcessClock(clock), 2);
    ServiceDesk b = process("B", new ProcessClock(clock), 2);
    b.onPresence("alice", true);
    gaveUp(a, "u1", 2);
    assertThat(last("u1").text()).contains(OFFERED);
    clock.advance(HandoffOffers.VALID.minusMinutes(1));

    assertThat(b.onMessage("u1", text("u1", "1"))).isTrue();
    assertThat(a.onMessage("u1", text("u1", "1"))).isTrue(); // a second "1", on A: relayed, not a second hand-off

    assertThat(count("u1", ASSIGNED)).isEqualTo(1);
    assertThat(a.agentOf("u1")).contains("alice");
    assertThat(stored().sessions()).singleElement().satisfies(s -> assertThat(s.customer()).isEqualTo("u1"));
    assertThat(last("alice").text()).isEqualTo("[u1] 1");
    assertThat(kv.get(SharedOfferBook.OFFER + "u1")).isEmpty();
  }

  @Test
  void twoProcessesReadingOneOffer_onlyOneTakesItUp() {
    InterferingKeys keysA = new InterferingKeys(kv);
    HandoffOffers a = offersOn(keysA, 2);
    HandoffOffers b = offersOn(keysOf("B"), 2);
    a.offer("u1");
    // A has read the offer; B takes it up before A's compare-and-set.
    keysA.beforeNextWrite = () -> assertThat(b.accepts("u1", "1")).isTrue();

    assertThat(a.accepts("u1", "1")).isFalse();
    assertThat(b.offered("u1")).isFalse();
  }

  @Test
  void missesCountedAtOnceOnTwoProcessesBothCount() {
    InterferingKeys keysA = new InterferingKeys(kv);
    HandoffOffers a = offersOn(keysA, 3);
    HandoffOffers b = offersOn(keysOf("B"), 3);
    // A has read the streak (0); B counts its miss before A writes.
    keysA.beforeNextWrite = () -> assertThat(b.miss("u1")).isFalse();

    assertThat(a.miss("u1")).isFalse();
    assertThat(b.miss("u1")).as("the third miss").isTrue();
  }

  @Test
  void anOfferLapsesOnEveryProcess() {
    ServiceDesk a = process("A", new ProcessClock(clock), 2);
    a.onPresence("alice", true);
    gaveUp(a, "u1", 2);
    clock.advance(Duration.ofMinutes(6));
    gaveUp(a, "u2", 2);
    clock.advance(HandoffOffers.VALID.minusMinutes(6).plusSeconds(1)); // u1's offer lapsed, u2's stands
    ServiceDesk b = process("B", new ProcessClock(clock), 2); // started later (scaled out): knows only the store

    assertThat(b.onMessage("u1", text("u1", "1"))).as("left to the bot").isFalse();
    assertThat(a.onMessage("u1", text("u1", "1"))).isFalse();
    assertThat(b.onMessage("u2", text("u2", "1"))).isTrue();

    assertThat(count("u1", ASSIGNED)).isZero();
    assertThat(b.agentOf("u1")).isEmpty();
    assertThat(b.agentOf("u2")).contains("alice");
    assertThat(kv.keys(SharedOfferBook.OFFER)).isEmpty();
  }

  @Test
  void whileTheStoreIsDownMessagesGoOnToTheBot_andTheOfferStandsAfterwards() {
    InterferingKeys keys = new InterferingKeys(kv);
    ServiceDesk a = process("A", new ProcessClock(clock), config().faqGiveUpsBeforeHandoff(2).build(), true, keys);
    a.onPresence("alice", true);
    gaveUp(a, "u1", 2);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(SharedOfferBook.class);
    logs.start();
    logger.addAppender(logs);
    try {
      keys.down = true;
      assertThat(a.onMessage("u2", text("u2", "what are your opening hours?"))).isFalse();
      assertThat(a.onMessage("u2", text("u2", "and on Sundays?"))).isFalse();
      a.faqAnswered("u2"); // logged, not thrown: the bot has answered
      keys.down = false;
      assertThat(a.onMessage("u1", text("u1", "1"))).isTrue();
      assertThat(a.agentOf("u1")).contains("alice");
      a.onMessage("u3", text("u3", "hello"));
    } finally {
      logger.detachAppender(logs);
    }
    // Once per outage, not once per message: these calls are on the way of every message.
    assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
  }

  @Test
  void withoutSharingEachProcessCountsAndOffersAlone_soTheTestsAboveCanFail() {
    ServiceDesk a = process("A", new ProcessClock(clock), config().faqGiveUpsBeforeHandoff(2).build(), false);
    ServiceDesk b = process("B", new ProcessClock(clock), config().faqGiveUpsBeforeHandoff(2).build(), false);
    b.onPresence("alice", true);
    a.faqGaveUp("u1");
    b.faqGaveUp("u1");
    assertThat(count("u1", OFFERED)).isZero();
    a.faqGaveUp("u1");
    assertThat(b.onMessage("u1", text("u1", "1"))).isFalse();
    assertThat(count("u1", ASSIGNED)).isZero();
    assertThat(kv.keys(SharedOfferBook.MISSES)).isEmpty();
    assertThat(kv.keys(SharedOfferBook.OFFER)).isEmpty();
  }
}
