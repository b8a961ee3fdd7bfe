package dev.timbot.plugins.faq;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.SessionStore;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The "did you mean" lists and clarifying questions waiting for a customer's reply, by
 * conversation. In one process they live in the conversation's session. When the bot's store is
 * shared by several processes ({@link Store#shared()}), the reply may reach another process than
 * the question did, so they live in the store's {@code faq} state instead, with the offer's
 * deadline as their time to live: whichever process gets "2" answers it, and only once.
 */
sealed interface PendingOffers {
  String SESSION_KEY = "faq.offer";

  /**
   * The suggestions offered in a conversation, until a deadline; after a clarifying question
   * ({@code clarify}) a word of the reply may pick one too, not only its number.
   */
  record Offer(List<String> entryIds, Instant until, boolean clarify) {
    public Offer {
      entryIds = List.copyOf(entryIds);
    }
  }

  Optional<Offer> get(String conversationId);

  void put(String conversationId, Offer offer);

  /** Forgets the conversation's offer; true if this call removed it (so one process acts on a reply). */
  boolean remove(String conversationId);

  /** Offers in each conversation's session (this process only). */
  static PendingOffers inSessions(SessionStore sessions) {
    return new InSessions(sessions);
  }

  /** Offers in {@code state}, seen by every process sharing the store. */
  static PendingOffers inStore(Store.KeyedState state, BotClock clock) {
    return new InStore(state, clock);
  }

  record InSessions(SessionStore sessions) implements PendingOffers {
    @Override
    public Optional<Offer> get(String conversationId) {
      return sessions.session(conversationId).get(SESSION_KEY, Offer.class);
    }

    @Override
    public void put(String conversationId, Offer offer) {
      sessions.session(conversationId).put(SESSION_KEY, offer);
    }

    @Override
    public boolean remove(String conversationId) {
      boolean had = get(conversationId).isPresent();
      sessions.session(conversationId).remove(SESSION_KEY);
      return had;
    }
  }

  /** One key per conversation: {@code offer:<conversation>} → kind, deadline, entry ids, one a line. */
  record InStore(Store.KeyedState state, BotClock clock) implements PendingOffers {
    private static String key(String conversationId) {
      return "offer:" + conversationId;
    }

    @Override
    public Optional<Offer> get(String conversationId) {
      return state.get(key(conversationId)).flatMap(InStore::decode);
    }

    @Override
    public void put(String conversationId, Offer offer) {
      Duration ttl = Duration.between(clock.now(), offer.until());
      if (ttl.isNegative() || ttl.isZero()) {
        state.remove(key(conversationId));
        return;
      }
      state.put(key(conversationId), encode(offer), ttl);
    }

    @Override
    public boolean remove(String conversationId) {
      return state.remove(key(conversationId));
    }

    static byte[] encode(Offer o) {
      StringBuilder s = new StringBuilder(o.clarify() ? "clarify" : "suggest").append('\n')
          .append(o.until().toEpochMilli());
      o.entryIds().forEach(id -> s.append('\n').append(id));
      return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Empty for a value this code did not write (an older or foreign format): no offer then. */
    static Optional<Offer> decode(byte[] bytes) {
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      if (lines.length < 2 || !(lines[0].equals("clarify") || lines[0].equals("suggest"))) {
        return Optional.empty();
      }
      try {
        Instant until = Instant.ofEpochMilli(Long.parseLong(lines[1]));
        return Optional.of(new Offer(Arrays.asList(lines).subList(2, lines.length), until, lines[0].equals("clarify")));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }
}
