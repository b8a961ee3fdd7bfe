package dev.timbot.plugins.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What became of each relayed message: the copies the bot sent for it (to whom, their MsgKey once
 * sent), so that recalling the original recalls the copies too, and a copy not sent yet is never
 * sent. Kept for a day: the service lets a person recall for two minutes, an admin longer.
 */
final class RelayedCopies {
  /** One copy: the future completes with its MsgKey, or null if it was not sent. */
  record Copy(String to, CompletableFuture<String> msgKey) {}

  private final Cache<String, List<Copy>> copies;
  private final Cache<String, Boolean> withdrawn;

  RelayedCopies(BotClock clock) {
    this.copies = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(Duration.ofDays(1))
        .maximumSize(200_000).build();
    this.withdrawn = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(Duration.ofDays(1))
        .maximumSize(200_000).build();
  }

  void add(String originalKey, String to, CompletableFuture<String> msgKey) {
    if (originalKey != null) {
      copies.get(originalKey, k -> new CopyOnWriteArrayList<>()).add(new Copy(to, msgKey));
    }
  }

  boolean isWithdrawn(String originalKey) {
    return originalKey != null && withdrawn.getIfPresent(originalKey) != null;
  }

  /** Marks {@code originalKey} recalled and returns its copies (sent, being sent or never sent). */
  List<Copy> withdraw(String originalKey) {
    withdrawn.put(originalKey, Boolean.TRUE);
    List<Copy> list = copies.getIfPresent(originalKey);
    copies.invalidate(originalKey);
    return list == null ? List.of() : List.copyOf(list);
  }
}
