package dev.timbot.plugins.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.message.MessageElem;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last lines of each customer's conversation, for the agent's "Recent:" context and {@code
 * /history}. Each line remembers its message's MsgKey so that a recalled message disappears.
 *
 * <p>In one process the lines stay on the heap. When several processes share the desk ({@link
 * #shareThrough}), a customer's lines and their agent's may be seen by different processes, so
 * they are kept in the store ({@value #PREFIX}{@code <customer>}, a day), changed by
 * compare-and-set. Lines are a help, not a promise: a store failure is logged and skipped.
 */
final class RecentHistory {
  private static final Logger log = LoggerFactory.getLogger(RecentHistory.class);
  static final String PREFIX = "history/";
  private static final Duration KEEP = Duration.ofDays(1);
  private static final StoredList<Line> STORED = new StoredList<>(new TypeReference<>() {}, KEEP);

  /** One line; public to the JSON mapper only. */
  record Line(String msgKey, String text) {}

  private final Cache<String, Deque<Line>> lines;
  private final int size;
  private volatile Store.KeyedState shared;

  RecentHistory(BotClock clock, int size) {
    this.size = size;
    this.lines = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterAccess(KEEP)
        .maximumSize(100_000).build();
  }

  /** From now on the lines live in {@code kv}, shared with the other processes. */
  void shareThrough(Store.KeyedState kv) {
    this.shared = kv;
  }

  void add(String customer, String from, String msgKey, List<MessageElem> elements) {
    Line line = new Line(msgKey, from + ": " + ElemText.describe(elements));
    if (shared != null) {
      update(customer, l -> {
        l.add(line);
        while (l.size() > size) {
          l.remove(0);
        }
        return true;
      });
      return;
    }
    Deque<Line> d = lines.get(customer, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(line);
      while (d.size() > size) {
        d.removeFirst();
      }
    }
  }

  /** Forgets the line of a recalled message; returns whether there was one. */
  boolean remove(String customer, String msgKey) {
    if (msgKey == null) {
      return false;
    }
    if (shared != null) {
      return update(customer, l -> l.removeIf(x -> Objects.equals(x.msgKey(), msgKey)));
    }
    Deque<Line> d = lines.getIfPresent(customer);
    if (d == null) {
      return false;
    }
    synchronized (d) {
      return d.removeIf(l -> Objects.equals(l.msgKey(), msgKey));
    }
  }

  List<String> of(String customer) {
    Store.KeyedState kv = shared;
    if (kv != null) {
      try {
        return STORED.read(kv.get(PREFIX + customer).orElse(null)).stream().map(Line::text).toList();
      } catch (RuntimeException e) {
        log.warn("desk: could not read {}'s recent lines: {}", customer, e.toString());
        return List.of();
      }
    }
    Deque<Line> d = lines.getIfPresent(customer);
    if (d == null) {
      return List.of();
    }
    synchronized (d) {
      return d.stream().map(Line::text).toList();
    }
  }

  /** Applies {@code change} to the stored lines, again when another process was quicker. */
  private boolean update(String customer, Predicate<List<Line>> change) {
    try {
      return STORED.update(shared, PREFIX + customer, change);
    } catch (IOException | RuntimeException e) {
      log.warn("desk: could not keep {}'s recent lines: {}", customer, e.toString());
      return false;
    }
  }
}
