package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Miss streaks and offers in the desk's key space, for a desk shared by several processes: a
 * customer's conversation may move to another process between two misses or between the offer
 * and the "1", and the count must go on there.
 *
 * <ul>
 *   <li>{@value #MISSES}{@code <customer>}: the streak's length (ASCII), kept {@link #STREAK} after
 *       the last miss; raised by compare-and-set, so misses counted at once by two processes both
 *       count, and the one that reaches the threshold ends the streak for all.
 *   <li>{@value #OFFER}{@code <customer>}: {@code untilMillis \n id}, kept until the offer lapses;
 *       taken up by compare-and-set against the bytes read, so of two processes reading the same
 *       offer only one hands the customer over.
 * </ul>
 *
 * A lapse is decided on the bot's clock from the value. The store lapses the key on the bot's
 * clock too; reading the value as well keeps the shared and the in-memory book deciding alike at
 * the very instant of the deadline. Store failures of the calls on the way of every message (the
 * look-up, the restart of a streak) are logged once per outage and read as "no offer"; the others
 * are the caller's, under the desk's lock.
 *
 * <p>Taking up an offer is exactly once among the processes, but it is written straight to the
 * store, outside the desk's saved state: if the desk then fails to save the hand-off (its lease
 * ran out mid-change, or the store failed), the "1" is used up and the customer has to ask for a
 * person again ("转人工" always works). At most once on that path, never twice.
 */
final class SharedOfferBook implements OfferBook {
  private static final Logger log = LoggerFactory.getLogger(SharedOfferBook.class);
  static final String MISSES = "misses/";
  static final String OFFER = "offer/";
  /** How long a streak is remembered after its last miss (like the customer's recent lines). */
  static final Duration STREAK = Duration.ofDays(1);

  private final Store.KeyedState kv;
  private final BotClock clock;
  private volatile boolean failing;

  SharedOfferBook(Store.KeyedState kv, BotClock clock) {
    this.kv = kv;
    this.clock = clock;
  }

  @Override
  public boolean miss(String customer, int threshold) {
    String key = MISSES + customer;
    while (true) {
      byte[] old = kv.get(key).orElse(null);
      int count = count(old) + 1;
      byte[] next = count >= threshold ? null : ascii(Integer.toString(count));
      if (old == null && next == null) {
        return true; // a threshold of one: nothing to keep
      }
      if (kv.replace(key, old, next, STREAK)) {
        return next == null;
      }
    }
  }

  @Override
  public void hit(String customer) {
    try {
      kv.remove(MISSES + customer);
      answered();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void offer(String customer, HandoffOffers.Offer offer) {
    String key = OFFER + customer;
    byte[] value = encode(offer);
    Duration ttl = Duration.between(clock.now(), offer.until());
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      ttl = Duration.ofSeconds(1); // never "no expiry"
    }
    // A plain overwrite, written as compare-and-set because KeyedState keys changed with replace
    // must not be put. It ends: each pass reads again, and only a concurrent write makes it fail.
    for (int attempt = 1; !kv.replace(key, kv.get(key).orElse(null), value, ttl); attempt++) {
      if (attempt == 16) {
        throw new IllegalStateException("offer/" + customer + " keeps changing in the store");
      }
    }
  }

  @Override
  public Optional<HandoffOffers.Offer> offer(String customer) {
    Optional<byte[]> value;
    try {
      value = kv.get(OFFER + customer);
    } catch (RuntimeException e) {
      failed(e);
      return Optional.empty();
    }
    answered();
    return value.flatMap(SharedOfferBook::decode);
  }

  /** Logs a failed look-up or streak restart once per outage: they are on the way of every message. */
  private void failed(RuntimeException e) {
    if (!failing) {
      failing = true;
      log.warn("desk: the store does not answer for offers of a person (none assumed, streaks not restarted,"
          + " until it does): {}", e.toString());
    }
  }

  private void answered() {
    if (failing) {
      failing = false;
      log.info("desk: offers of a person and miss streaks are kept in the store again");
    }
  }

  @Override
  public boolean take(String customer, HandoffOffers.Offer offer) {
    return kv.replace(OFFER + customer, encode(offer), null, null);
  }

  @Override
  public void clear(String customer) {
    kv.remove(MISSES + customer);
    kv.remove(OFFER + customer);
  }

  private static int count(byte[] value) {
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(new String(value, StandardCharsets.US_ASCII).trim());
    } catch (NumberFormatException e) {
      log.warn("desk: an unreadable miss streak in the store, starting it again");
      return 0;
    }
  }

  static byte[] encode(HandoffOffers.Offer offer) {
    return ascii(offer.until().toEpochMilli() + "\n" + offer.id());
  }

  /** The offer in {@code value}; empty (and logged) when it is not one. */
  static Optional<HandoffOffers.Offer> decode(byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    int cut = text.indexOf('\n');
    try {
      if (cut > 0) {
        return Optional.of(new HandoffOffers.Offer(
            Instant.ofEpochMilli(Long.parseLong(text.substring(0, cut))), text.substring(cut + 1)));
      }
    } catch (NumberFormatException e) {
      // below
    }
    log.warn("desk: an unreadable offer of a person in the store, taken as none");
    return Optional.empty();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
