package dev.timbot.plugins.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of each relayed message: the copies the bot sent for it (to whom, their MsgKey once
 * sent), so that recalling the original recalls the copies too, and a copy not sent yet is never
 * sent. Kept for a day: the service lets a person recall for two minutes, an admin longer.
 *
 * <p>When several processes share the desk ({@link #shareThrough}), the recall may reach another
 * process than the one that relayed, so both facts are kept in the store: {@value #COPIES}{@code
 * <original>} lists the copies sent (added once each is sent), {@value #WITHDRAWN}{@code
 * <original>} says it was recalled. The relaying process records a copy and then looks for the
 * recall; the recalling process records the recall and then takes the copies: whichever comes
 * second sees the other, so every sent copy is recalled (twice at worst — the second recall fails
 * harmlessly). A store failure is logged; the recall is a courtesy, not a promise.
 */
final class RelayedCopies {
  private static final Logger log = LoggerFactory.getLogger(RelayedCopies.class);
  static final String COPIES = "relayed/";
  static final String WITHDRAWN = "withdrawn/";
  private static final Duration KEEP = Duration.ofDays(1);
  private static final StoredList<Sent> STORED = new StoredList<>(new TypeReference<>() {}, KEEP);

  /** One copy: the future completes with its MsgKey, or null if it was not sent. */
  record Copy(String to, CompletableFuture<String> msgKey) {}

  /** A copy that was sent, as the store keeps it; public to the JSON mapper only. */
  record Sent(String to, String msgKey) {}

  private final Cache<String, List<Copy>> copies;
  private final Cache<String, Boolean> withdrawn;
  private volatile Store.KeyedState shared;

  RelayedCopies(BotClock clock) {
    this.copies = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(KEEP)
        .maximumSize(200_000).build();
    this.withdrawn = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(KEEP)
        .maximumSize(200_000).build();
  }

  /** From now on copies and recalls are kept in {@code kv} too, shared with the other processes. */
  void shareThrough(Store.KeyedState kv) {
    this.shared = kv;
  }

  void add(String originalKey, String to, CompletableFuture<String> msgKey) {
    if (originalKey != null && shared == null) {
      copies.get(originalKey, k -> new CopyOnWriteArrayList<>()).add(new Copy(to, msgKey));
    }
  }

  /**
   * A copy of {@code originalKey} was sent as {@code msgKey}. Shared, it is recorded, and true
   * returned when the original was recalled meanwhile (possibly by another process): the caller
   * recalls the copy. Alone, the local list answers the recall, and this is always false.
   */
  boolean sent(String originalKey, String to, String msgKey) {
    Store.KeyedState kv = shared;
    if (kv == null || originalKey == null || msgKey == null) {
      return false;
    }
    try {
      STORED.update(kv, COPIES + originalKey, l -> l.add(new Sent(to, msgKey)));
      return isWithdrawn(originalKey);
    } catch (IOException | RuntimeException e) {
      log.warn("desk: the relayed copy {} of {} could not be recorded for a recall: {}", msgKey, originalKey, e.toString());
      return false;
    }
  }

  boolean isWithdrawn(String originalKey) {
    if (originalKey == null) {
      return false;
    }
    if (withdrawn.getIfPresent(originalKey) != null) {
      return true;
    }
    Store.KeyedState kv = shared;
    try {
      return kv != null && kv.get(WITHDRAWN + originalKey).isPresent();
    } catch (RuntimeException e) {
      log.warn("desk: could not tell whether {} was recalled (relayed as if not): {}", originalKey, e.toString());
      return false;
    }
  }

  /** Marks {@code originalKey} recalled and returns its copies (sent, being sent or never sent). */
  List<Copy> withdraw(String originalKey) {
    withdrawn.put(originalKey, Boolean.TRUE);
    Store.KeyedState kv = shared;
    if (kv != null) {
      try {
        kv.put(WITHDRAWN + originalKey, "1".getBytes(StandardCharsets.UTF_8), KEEP);
        List<Sent> taken = new CopyOnWriteArrayList<>();
        STORED.update(kv, COPIES + originalKey, l -> {
          taken.clear();
          taken.addAll(l);
          l.clear();
          return !taken.isEmpty();
        });
        return taken.stream().map(s -> new Copy(s.to(), CompletableFuture.completedFuture(s.msgKey()))).toList();
      } catch (IOException | RuntimeException e) {
        log.warn("desk: the recall of {} could not reach the store; its copies stay: {}", originalKey, e.toString());
        return List.of();
      }
    }
    List<Copy> list = copies.getIfPresent(originalKey);
    copies.invalidate(originalKey);
    return list == null ? List.of() : List.copyOf(list);
  }
}
