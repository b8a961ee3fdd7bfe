package dev.timbot.plugins.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link HandoffOffers} keeps each customer's miss streak and standing offer: {@link
 * #inMemory()} for a desk of one process, {@link SharedOfferBook} for a desk shared through the
 * store. Implementations are safe to call from any thread.
 */
interface OfferBook {
  /** Counts a miss; true when the streak reaches {@code threshold} (it then starts again). */
  boolean miss(String customer, int threshold);

  /** The bot answered: the streak starts again. */
  void hit(String customer);

  /** Records {@code offer}, replacing any earlier one. */
  void offer(String customer, HandoffOffers.Offer offer);

  /** The standing offer, if any (it may have lapsed). */
  Optional<HandoffOffers.Offer> offer(String customer);

  /** Removes {@code offer} if it still stands; true for one caller only. */
  boolean take(String customer, HandoffOffers.Offer offer);

  /** Forgets the streak and the offer (a handoff was asked for). */
  void clear(String customer);

  /** This process's memory: nothing expires but by being taken or cleared. */
  static OfferBook inMemory() {
    return new OfferBook() {
      private final Map<String, Integer> misses = new HashMap<>();
      private final Map<String, HandoffOffers.Offer> offered = new HashMap<>();

      @Override
      public synchronized boolean miss(String customer, int threshold) {
        if (misses.merge(customer, 1, Integer::sum) >= threshold) {
          misses.remove(customer);
          return true;
        }
        return false;
      }

      @Override
      public synchronized void hit(String customer) {
        misses.remove(customer);
      }

      @Override
      public synchronized void offer(String customer, HandoffOffers.Offer offer) {
        offered.put(customer, offer);
      }

      @Override
      public synchronized Optional<HandoffOffers.Offer> offer(String customer) {
        return Optional.ofNullable(offered.get(customer));
      }

      @Override
      public synchronized boolean take(String customer, HandoffOffers.Offer offer) {
        return offered.remove(customer, offer);
      }

      @Override
      public synchronized void clear(String customer) {
        misses.remove(customer);
        offered.remove(customer);
      }
    };
  }
}
