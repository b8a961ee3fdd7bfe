package dev.timbot.plugins.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import dev.timbot.message.MessageElem;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The last lines of each customer's conversation, for the agent's "Recent:" context and {@code
 * /history}. Each line remembers its message's MsgKey so that a recalled message disappears.
 */
final class RecentHistory {
  private record Line(String msgKey, String text) {}

  private final Cache<String, Deque<Line>> lines;
  private final int size;

  RecentHistory(BotClock clock, int size) {
    this.size = size;
    this.lines = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterAccess(Duration.ofDays(1))
        .maximumSize(100_000).build();
  }

  void add(String customer, String from, String msgKey, List<MessageElem> elements) {
    Deque<Line> d = lines.get(customer, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(new Line(msgKey, from + ": " + ElemText.describe(elements)));
      while (d.size() > size) {
        d.removeFirst();
      }
    }
  }

  /** Forgets the line of a recalled message; returns whether there was one. */
  boolean remove(String customer, String msgKey) {
    Deque<Line> d = lines.getIfPresent(customer);
    if (d == null || msgKey == null) {
      return false;
    }
    synchronized (d) {
      return d.removeIf(l -> Objects.equals(l.msgKey(), msgKey));
    }
  }

  List<String> of(String customer) {
    Deque<Line> d = lines.getIfPresent(customer);
    if (d == null) {
      return List.of();
    }
    synchronized (d) {
      return d.stream().map(Line::text).toList();
    }
  }
}
