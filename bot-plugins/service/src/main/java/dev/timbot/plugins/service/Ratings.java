package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import io.micrometer.core.instrument.DistributionSummary;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Satisfaction ratings: the one pending per customer after a session ended, and the answer to a
 * card or a bare digit. A rated session stays until it expires so a second answer gets a polite
 * "already rated". Guarded by the desk's lock.
 */
final class Ratings {
  private final Map<String, DeskState.PendingRating> pending = new HashMap<>();
  private final BotClock clock;
  private final DeskTexts texts;
  private final DeskJournal journal;
  private final DistributionSummary csat;

  Ratings(BotClock clock, DeskTexts texts, DeskJournal journal, DistributionSummary csat) {
    this.clock = clock;
    this.texts = texts;
    this.journal = journal;
    this.csat = csat;
  }

  void open(DeskState.PendingRating rating) {
    pending.put(rating.customer(), rating);
  }

  /**
   * Handles {@code answer} from {@code customer}, telling them through {@code say}; false when the
   * message is not a rating after all (a bare digit with nothing to rate belongs to other plugins).
   */
  boolean answer(String customer, RatingCard.Answer answer, BiConsumer<String, String> say) {
    boolean card = answer.sessionId().isPresent();
    DeskState.PendingRating p = pending.get(customer);
    if (p == null || (card && !answer.sessionId().get().equals(p.sessionId()))) {
      if (card) {
        say.accept(customer, texts.ratingExpired());
      }
      return card;
    }
    if (p.rated()) {
      if (card) {
        say.accept(customer, texts.ratingDuplicate());
      }
      return card;
    }
    if (clock.now().isAfter(p.expiresAt())) {
      pending.remove(customer);
      say.accept(customer, texts.ratingExpired());
      journal.stateChanged();
      return true;
    }
    pending.put(customer, new DeskState.PendingRating(p.sessionId(), customer, p.agent(), p.expiresAt(), true));
    journal.rated(p.sessionId(), customer, p.agent(), answer.score());
    csat.record(answer.score());
    say.accept(customer, texts.ratingThanks());
    journal.stateChanged();
    return true;
  }

  /** Ratings still open (expired ones are dropped), for the saved state. */
  List<DeskState.PendingRating> snapshot() {
    Instant now = clock.now();
    pending.values().removeIf(r -> now.isAfter(r.expiresAt()));
    return List.copyOf(pending.values());
  }

  int size() {
    return pending.size();
  }

  /** Whether {@code customer} has a rating open (answered or not). */
  boolean has(String customer) {
    return pending.containsKey(customer);
  }

  /** Forgets every pending rating, before a newer state is applied. */
  void clear() {
    pending.clear();
  }
}
