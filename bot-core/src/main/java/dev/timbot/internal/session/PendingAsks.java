package dev.timbot.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.BotEvent.AskExpired;
import dev.timbot.internal.timers.DurableTimers;
import dev.timbot.message.Conversation;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.KeyedState;
import dev.timbot.spi.Store.TimerStore;
import dev.timbot.spi.Store.TimerStore.Due;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending {@code ctx.ask}s as the store keeps them, so they outlive the process that asked: a
 * record in the {@code asks} state (conversation, user, prompt, deadline) and a durable timer
 * {@code ask:<conversation>\0<user>} due {@link #GRACE} after the deadline.
 *
 * <p>While the asking process lives, its own clock timer answers the timeout exactly as before and
 * removes both. When the durable timer fires and no continuation is waiting here (the bot was
 * restarted, or another process now holds the conversation), the record is removed and {@link
 * dev.timbot.BotEvent#ASK_EXPIRED} raised once, in the conversation's lane. A user who answers
 * after a restart, before the deadline, reaches handlers as a normal message (the continuation was
 * code and is gone) and the record is dropped without an event.
 *
 * <p>Nothing here runs per message unless an ask is pending: the record of asks left by an earlier
 * process is read once at start into {@link #orphans}.
 */
public final class PendingAsks implements DurableTimers.Owner {
  private static final Logger log = LoggerFactory.getLogger(PendingAsks.class);
  public static final String PREFIX = "ask:";
  /**
   * The durable timer trails the deadline so the asking process's own timer goes first, even when
   * the conversation's lane is busy (with a shared store, another process would otherwise raise the
   * event for an ask that is still waiting here).
   */
  static final Duration GRACE = Duration.ofSeconds(30);
  /** How long a record outlives its deadline: a process down longer than this forgets the ask. */
  static final Duration KEEP_AFTER_DEADLINE = Duration.ofDays(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Store> store;
  private final BotClock clock;
  private final Consumer<AskExpired> expired;
  private volatile Predicate<String> waitingHere = k -> false;
  /** False for a store without timers (one given in code): asks then live in memory only, as before. */
  private volatile boolean recorded = true;
  /** Asks recorded by an earlier process, still unresolved when this one started. */
  private final Set<String> orphans = ConcurrentHashMap.newKeySet();

  public PendingAsks(Supplier<Store> store, BotClock clock, Consumer<AskExpired> expired) {
    this.store = store;
    this.clock = clock;
    this.expired = expired;
  }

  /** Which keys have a continuation waiting in this process (the registry's own map). */
  void waitingHere(Predicate<String> waiting) {
    this.waitingHere = waiting;
  }

  static String key(String conversationId, String user) {
    return conversationId + "\u0000" + user;
  }

  private KeyedState records() {
    return store.get().state("asks");
  }

  private TimerStore timers() {
    return store.get().timers();
  }

  /** Records a pending ask (replacing one of the same user in the conversation). */
  void pending(String conversationId, String user, String prompt, Instant deadline) {
    ObjectNode n = JSON.createObjectNode();
    n.put("conversation", conversationId).put("user", user).put("deadline", deadline.toEpochMilli());
    if (prompt != null) {
      n.put("prompt", prompt);
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!recorded) {
      return;
    }
    String key = key(conversationId, user);
    orphans.remove(key);
    Duration left = Duration.between(clock.now(), deadline);
    try {
      records().put(key, bytes, (left.isNegative() ? Duration.ZERO : left).plus(KEEP_AFTER_DEADLINE));
      timers().schedule(PREFIX + key, deadline.plus(GRACE), bytes);
    } catch (RuntimeException e) {
      // The question still works in this process; only a restart would forget it.
      log.warn("ask in {} could not be recorded in the store (it is kept in memory only): {}", conversationId,
          e.toString());
    }
  }

  /** The ask was answered or timed out here: forget it. */
  void resolved(String conversationId, String user) {
    if (!recorded) {
      return;
    }
    String key = key(conversationId, user);
    orphans.remove(key);
    try {
      timers().cancel(PREFIX + key);
      records().remove(key);
    } catch (RuntimeException e) {
      // The store is closed (the bot is stopping): the timer fires after the restart, finds no
      // record and does nothing.
      log.debug("ask {} could not be removed from the store: {}", key, e.toString());
    }
  }

  /**
   * A message from {@code user} in {@code conversationId} with no continuation waiting for it:
   * if an earlier process asked this user, that ask is answered (by a normal message) and dropped.
   */
  void answeredWithoutContinuation(String conversationId, String user) {
    if (!orphans.isEmpty() && orphans.contains(key(conversationId, user))) {
      resolved(conversationId, user);
    }
  }

  @Override
  public void opened() {
    try {
      timers();
    } catch (UnsupportedOperationException e) {
      recorded = false;
      log.info("{}: pending asks are kept in memory only and do not survive a restart", e.getMessage());
      return;
    }
    for (String key : records().keys("")) {
      orphans.add(key);
    }
    if (!orphans.isEmpty()) {
      log.info("{} asks of the previous process are unanswered; ASK_EXPIRED is raised for each not answered by "
          + "its deadline", orphans.size());
    }
  }

  @Override
  public String lane(Due due) {
    String key = due.key().substring(PREFIX.length());
    int sep = key.indexOf('\u0000');
    return sep > 0 ? key.substring(0, sep) : null;
  }

  @Override
  public void fire(Due due) {
    String key = due.key().substring(PREFIX.length());
    if (waitingHere.test(key)) {
      return; // this process's own timer handles it
    }
    orphans.remove(key);
    if (!records().remove(key)) {
      return; // answered, timed out or expired already (here or in another process)
    }
    JsonNode n;
    try {
      n = JSON.readTree(due.payload());
    } catch (IOException e) {
      log.warn("ask timer {} holds unreadable data; dropped: {}", due.key(), e.getMessage());
      return;
    }
    Conversation conversation;
    try {
      conversation = Conversation.parse(n.path("conversation").asText());
    } catch (IllegalArgumentException e) {
      log.warn("ask timer {} names no conversation; dropped", due.key());
      return;
    }
    JsonNode prompt = n.get("prompt");
    expired.accept(new AskExpired(conversation, n.path("user").asText(),
        prompt == null || prompt.isNull() ? null : prompt.asText(), Instant.ofEpochMilli(n.path("deadline").asLong())));
  }
}
