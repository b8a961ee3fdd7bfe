package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.store.MemoryStore;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bot processes over one shared store: a "did you mean" list offered by one is answered by
 * the other when the customer's reply lands there, once, and not after the offer's deadline.
 */
class FaqSharedStoreTest {
  /**
   * A process's own store that says it is shared and keeps the {@code faq} state in {@code common}
   * (journal, outbox and the rest stay per process, so each bot handles only its own messages).
   */
  private static Store sharedFaqState(VirtualClock clock, MemoryStore common) {
    MemoryStore own = new MemoryStore(clock);
    return new Store() {
      @Override
      public InboxJournal journal() {
        return own.journal();
      }

      @Override
      public DedupeWindow dedupe() {
        return own.dedupe();
      }

      @Override
      public OutboxStore outbox() {
        return own.outbox();
      }

      @Override
      public TimerStore timers() {
        return own.timers();
      }

      @Override
      public KeyedState state(String namespace) {
        return namespace.equals("faq") ? common.state(namespace) : own.state(namespace);
      }

      @Override
      public boolean shared() {
        return true;
      }

      @Override
      public String describe() {
        return "memory (faq state shared)";
      }

      @Override
      public void close() {}
    };
  }

  private static BotTester bot(Path dir, String name, VirtualClock clock, MemoryStore common) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, FaqPluginTest.KB);
    return BotTester.builder().clock(clock)
        .yaml("bot: { account: shopbot }\nfaq: { kb: '" + kb + "', unansweredLog: none }\n")
        .customize(b -> b.store(sharedFaqState(clock, common)))
        .plugin(FaqPlugin.class).plugin(FaqPluginTest.FALLBACK).build();
  }

  @Test
  void aListOfferedByOneProcessIsAnsweredByTheOtherOnce(@TempDir Path dir) throws Exception {
    VirtualClock clock = new VirtualClock();
    MemoryStore common = new MemoryStore(clock);
    try (BotTester a = bot(dir, "a", clock, common); BotTester b = bot(dir, "b", clock, common)) {
      a.user("alice").says("refund");
      a.shouldReply(s -> assertThat(s.text()).contains("Did you mean").contains("2. "));
      assertThat(common.state("faq").keys("offer:")).hasSize(1);

      b.user("alice").says("2");
      b.shouldReply(s -> assertThat(s.text()).containsAnyOf("Refunds arrive", "Open the order")).shouldNotReply();
      assertThat(common.state("faq").keys("offer:")).isEmpty();

      a.user("alice").says("2"); // used up on b: a bare number is no question here either
      a.shouldReply("fallback");
    }
  }

  @Test
  void theSharedOfferExpiresWithItsDeadline(@TempDir Path dir) throws Exception {
    VirtualClock clock = new VirtualClock();
    MemoryStore common = new MemoryStore(clock);
    try (BotTester a = bot(dir, "a", clock, common); BotTester b = bot(dir, "b", clock, common)) {
      a.user("alice").says("refund");
      a.nextSent();
      clock.advance(Duration.ofMinutes(3));
      b.user("alice").says("1");
      b.shouldReply("fallback");
    }
  }

  @Test
  void offersSurviveOnlyInTheirOwnFormat() {
    PendingOffers.Offer offer = new PendingOffers.Offer(java.util.List.of("refund-time", "refund-how"),
        java.time.Instant.ofEpochMilli(1234), true);
    assertThat(PendingOffers.InStore.decode(PendingOffers.InStore.encode(offer))).contains(offer);
    assertThat(PendingOffers.InStore.decode("{\"json\":1}".getBytes())).isEmpty();
    assertThat(PendingOffers.InStore.decode("suggest\nsoon\nx".getBytes())).isEmpty();
  }
}
