package dev.timbot.emulator.internal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * C2C history per conversation, read marks per (reader, peer), and the send-dedupe windows.
 * Messages are kept in the service's roaming order: time, then MsgSeq, then arrival.
 */
public final class C2cStore {
  /** Roaming order. */
  public static final Comparator<C2cRecord> ORDER =
      Comparator.comparingLong(C2cRecord::msgTime)
          .thenComparingLong(C2cRecord::msgSeq)
          .thenComparingLong(C2cRecord::serial);

  private record Pair(String a, String b) {
    static Pair of(String x, String y) {
      return x.compareTo(y) <= 0 ? new Pair(x, y) : new Pair(y, x);
    }
  }

  private record ReadKey(String reader, String peer) {}

  /** A remembered send and when the memory ends (monotonic nanos). */
  private record Remembered<T>(T value, long expiresAt) {}

  private final Map<Pair, List<C2cRecord>> conversations = new HashMap<>();
  private final Map<ReadKey, Long> readUpTo = new HashMap<>();
  private final java.util.Set<Long> receipts = new java.util.HashSet<>();
  private final java.util.Set<Long> receiptWanted = new java.util.HashSet<>();
  private final Map<ReadKey, Long> readTime = new HashMap<>();
  /** Unread counts kept up to date on every change, so a send never rescans history. */
  private final Map<ReadKey, Integer> unread = new HashMap<>();
  private final Map<String, Integer> totalUnread = new HashMap<>();
  private final LinkedHashMap<String, Remembered<C2cRecord>> dedupe = new LinkedHashMap<>();
  private final Map<Pair, Set<String>> imported = new HashMap<>();
  private long nextSerial = 1;

  public synchronized long nextSerial() {
    return nextSerial++;
  }

  /** The message remembered under {@code key}, if its window is still open at {@code nowNanos}. */
  public synchronized Optional<C2cRecord> recall(String key, long nowNanos) {
    expire(nowNanos);
    Remembered<C2cRecord> r = dedupe.get(key);
    return r == null ? Optional.empty() : Optional.of(r.value());
  }

  /**
   * Stores {@code record} unless another send under {@code dedupeKey} won the race, in which case
   * that one is returned. {@code store} false keeps it out of history (online-only messages).
   */
  public synchronized C2cRecord add(
      C2cRecord record, String dedupeKey, long nowNanos, long windowNanos, boolean store) {
    if (dedupeKey != null) {
      expire(nowNanos);
      Remembered<C2cRecord> r = dedupe.get(dedupeKey);
      if (r != null) {
        return r.value();
      }
      dedupe.put(dedupeKey, new Remembered<>(record, nowNanos + windowNanos));
    }
    if (store) {
      List<C2cRecord> list =
          conversations.computeIfAbsent(Pair.of(record.from(), record.to()), k -> new ArrayList<>());
      int i = list.size();
      while (i > 0 && ORDER.compare(list.get(i - 1), record) > 0) {
        i--;
      }
      list.add(i, record);
      if (isUnread(record)) {
        bumpUnread(record.to(), record.from(), 1);
      }
    }
    return record;
  }

  private boolean isUnread(C2cRecord r) {
    return r.countsUnread() && !r.recalled() && !r.from().equals(r.to())
        && r.serial() > readUpTo.getOrDefault(new ReadKey(r.to(), r.from()), 0L);
  }

  private void bumpUnread(String reader, String peer, int delta) {
    unread.merge(new ReadKey(reader, peer), delta, Integer::sum);
    totalUnread.merge(reader, delta, Integer::sum);
  }

  /**
   * Records an import's (seq, random, time) for the conversation (either direction); false if
   * it was imported before — the first import wins.
   */
  public synchronized boolean markImported(String a, String b, long seq, long random, long time) {
    return imported.computeIfAbsent(Pair.of(a, b), k -> new HashSet<>()).add(seq + "_" + random + "_" + time);
  }

  /** The conversation of {@code a} and {@code b} in roaming order (oldest first). */
  public synchronized List<C2cRecord> conversation(String a, String b) {
    return new ArrayList<>(conversations.getOrDefault(Pair.of(a, b), List.of()));
  }

  public synchronized Optional<C2cRecord> find(String a, String b, String msgKey) {
    List<C2cRecord> list = conversations.getOrDefault(Pair.of(a, b), List.of());
    // Newest first: recalls and modifications are nearly always about recent messages.
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).msgKey().equals(msgKey)) {
        return Optional.of(list.get(i));
      }
    }
    return Optional.empty();
  }

  /** Replaces the stored message with the same serial; returns the new version. */
  public synchronized Optional<C2cRecord> update(
      String a, String b, String msgKey, UnaryOperator<C2cRecord> change) {
    List<C2cRecord> list = conversations.get(Pair.of(a, b));
    if (list == null) {
      return Optional.empty();
    }
    for (int i = list.size() - 1; i >= 0; i--) {
      C2cRecord old = list.get(i);
      if (old.msgKey().equals(msgKey)) {
        C2cRecord updated = change.apply(old);
        list.set(i, updated);
        if (isUnread(old) != isUnread(updated)) {
          bumpUnread(old.to(), old.from(), isUnread(updated) ? 1 : -1);
        }
        return Optional.of(updated);
      }
    }
    return Optional.empty();
  }

  /** Marks {@code peer}'s messages to {@code reader} read up to {@code upToTime} (seconds). */
  public synchronized void markRead(String reader, String peer, long upToTime) {
    long max = 0;
    for (C2cRecord r : conversations.getOrDefault(Pair.of(reader, peer), List.of())) {
      if (r.from().equals(peer) && r.msgTime() <= upToTime) {
        max = Math.max(max, r.serial());
      }
    }
    ReadKey k = new ReadKey(reader, peer);
    readUpTo.merge(k, max, Math::max);
    readTime.merge(k, upToTime, Math::max);
    int left = 0;
    for (C2cRecord r : conversations.getOrDefault(Pair.of(reader, peer), List.of())) {
      if (r.to().equals(reader) && r.from().equals(peer) && isUnread(r)) {
        left++;
      }
    }
    bumpUnread(reader, peer, left - unread.getOrDefault(k, 0));
  }

  /** When {@code reader} last reported {@code peer}'s conversation read (0 = never). */
  public synchronized long lastReadTime(String reader, String peer) {
    return readTime.getOrDefault(new ReadKey(reader, peer), 0L);
  }

  /** Did {@code record}'s recipient read it (the conversation-level read mark clients show)? */
  public synchronized boolean isPeerRead(C2cRecord record) {
    return readUpTo.getOrDefault(new ReadKey(record.to(), record.from()), 0L) >= record.serial();
  }

  /**
   * The REST {@code IsPeerRead}: 1 only after the recipient sent a per-message read receipt
   * (the SDKs' {@code sendMessageReadReceipts}), not for a conversation marked read.
   */
  public synchronized boolean hasReadReceipt(C2cRecord record) {
    return receipts.contains(record.serial());
  }

  /** The sender asked for a read receipt ({@code IsNeedReadReceipt: 1}). */
  public synchronized void wantReadReceipt(C2cRecord record) {
    receiptWanted.add(record.serial());
  }

  /**
   * {@code reader} sent a read receipt for its message {@code msgKey} from {@code peer}: empty
   * when there is no such message, false when the message asked for no receipt (not recorded).
   */
  public synchronized Optional<Boolean> addReadReceipt(String reader, String peer, String msgKey) {
    for (C2cRecord r : conversations.getOrDefault(Pair.of(reader, peer), List.of())) {
      if (r.msgKey().equals(msgKey) && r.to().equals(reader) && r.from().equals(peer)) {
        if (!receiptWanted.contains(r.serial())) {
          return Optional.of(false);
        }
        receipts.add(r.serial());
        return Optional.of(true);
      }
    }
    return Optional.empty();
  }

  /** Unread messages from {@code peer} to {@code reader}. */
  public synchronized int unread(String reader, String peer) {
    return unread.getOrDefault(new ReadKey(reader, peer), 0);
  }

  /** Every peer {@code user} has a conversation with. */
  public synchronized List<String> peers(String user) {
    List<String> out = new ArrayList<>();
    for (Pair p : conversations.keySet()) {
      if (p.a().equals(user)) {
        out.add(p.b());
      } else if (p.b().equals(user)) {
        out.add(p.a());
      }
    }
    return out;
  }


  /** Total unread C2C messages of {@code reader}. */
  public synchronized int totalUnread(String reader) {
    return totalUnread.getOrDefault(reader, 0);
  }

  public synchronized void deleteUser(String user) {
    conversations.keySet().removeIf(p -> p.a().equals(user) || p.b().equals(user));
    readUpTo.keySet().removeIf(k -> k.reader().equals(user) || k.peer().equals(user));
    readTime.keySet().removeIf(k -> k.reader().equals(user) || k.peer().equals(user));
    unread.entrySet().removeIf(e -> {
      if (e.getKey().peer().equals(user)) {
        totalUnread.merge(e.getKey().reader(), -e.getValue(), Integer::sum);
        return true;
      }
      return e.getKey().reader().equals(user);
    });
    totalUnread.remove(user);
  }

  public synchronized void clear() {
    conversations.clear();
    readUpTo.clear();
    receipts.clear();
    receiptWanted.clear();
    readTime.clear();
    unread.clear();
    totalUnread.clear();
    imported.clear();
    dedupe.clear();
  }

  private void expire(long nowNanos) {
    // Entries are inserted in time order, so the expired ones are at the head.
    var it = dedupe.values().iterator();
    while (it.hasNext()) {
      if (it.next().expiresAt() > nowNanos) {
        break;
      }
      it.remove();
    }
  }
}
