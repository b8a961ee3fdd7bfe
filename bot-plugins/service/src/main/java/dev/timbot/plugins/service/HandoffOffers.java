package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The bot's misses in a row per customer, and the "reply 1 to talk to a person" offers made after
 * too many. An offer stands for {@link #VALID}; only a bare "1" takes it up, and only once.
 *
 * <p>Where they are kept is an {@link OfferBook}: this process's memory, or — when several
 * processes share the desk ({@link #shareThrough}) — the desk's key space, because a customer's
 * conversation may move to another process (a takeover, a rebalance) between two misses, or
 * between the offer and the "1". Safe to call from any thread.
 */
final class HandoffOffers {
  static final Duration VALID = Duration.ofMinutes(10);

  /** One offer: until when it stands, and which offer it is (so it is taken up once). */
  record Offer(Instant until, String id) {}

  private final BotClock clock;
  private final int threshold;
  private volatile OfferBook book = OfferBook.inMemory();

  HandoffOffers(BotClock clock, int threshold) {
    this.clock = clock;
    this.threshold = threshold;
  }

  /** From now on the streaks and offers live in {@code kv}, shared with the other processes. */
  void shareThrough(Store.KeyedState kv) {
    this.book = new SharedOfferBook(kv, clock);
  }

  /** Counts a miss; true when this one reaches the threshold (and the count starts again). */
  boolean miss(String customer) {
    return threshold > 0 && book.miss(customer, threshold);
  }

  void hit(String customer) {
    book.hit(customer);
  }

  void offer(String customer) {
    book.offer(customer, new Offer(clock.now().plus(VALID), UUID.randomUUID().toString()));
  }

  /** Whether {@code text} takes up a standing offer (which is then used up, by this call alone). */
  boolean accepts(String customer, String text) {
    if (!takesUp(text)) {
      return false; // only a bare "1" can: no (shared: stored) look-up for any other text
    }
    Optional<Offer> offer = book.offer(customer);
    if (offer.isEmpty()) {
      return false;
    }
    if (clock.now().isAfter(offer.get().until())) {
      book.take(customer, offer.get());
      return false;
    }
    return book.take(customer, offer.get());
  }

  /** Whether {@code customer} was offered a human (the offer may have lapsed). */
  boolean offered(String customer) {
    return book.offer(customer).isPresent();
  }

  /**
   * Whether {@code text} may take up an offer {@code customer} was made. Only a bare "1" can, so
   * the (shared: stored) offer is looked up for that text alone, not for every message.
   */
  boolean mayTakeUp(String customer, String text) {
    return takesUp(text) && offered(customer);
  }

  private static boolean takesUp(String text) {
    String t = text.trim();
    return t.equals("1") || t.equals("\uFF11");
  }

  void clear(String customer) {
    book.clear(customer);
  }
}
