package dev.timbot.emulator.internal.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Friendships (one-way edges: {@code A → B} means B is on A's friend list) and blacklists. A
 * blacklist entry removes the friendship both ways, as the service does; each user's blacklist
 * has a sequence that grows with every change ({@code CurruentSequence}).
 */
public final class RelationStore {
  /** An entry of a friend list. */
  public record Friend(String account, String remark, String groupName, String addSource, long addTime) {}

  /** An entry of a blacklist. */
  public record Blocked(String account, long addTime) {}

  private final Map<String, LinkedHashMap<String, Friend>> friends = new HashMap<>();
  private final Map<String, LinkedHashMap<String, Blocked>> blacklists = new HashMap<>();
  private final Map<String, Long> blacklistSeq = new HashMap<>();
  private final Map<String, Long> friendSeq = new HashMap<>();

  public synchronized boolean isFriend(String owner, String other) {
    Map<String, Friend> f = friends.get(owner);
    return f != null && f.containsKey(other);
  }

  /** Adds {@code other} to {@code owner}'s list; false if already there. */
  public synchronized boolean addFriend(String owner, Friend friend) {
    LinkedHashMap<String, Friend> f = friends.computeIfAbsent(owner, k -> new LinkedHashMap<>());
    if (f.containsKey(friend.account())) {
      return false;
    }
    f.put(friend.account(), friend);
    friendSeq.merge(owner, 1L, Long::sum);
    return true;
  }

  public synchronized boolean removeFriend(String owner, String other) {
    Map<String, Friend> f = friends.get(owner);
    if (f == null || f.remove(other) == null) {
      return false;
    }
    friendSeq.merge(owner, 1L, Long::sum);
    return true;
  }

  public synchronized List<Friend> friends(String owner) {
    Map<String, Friend> f = friends.get(owner);
    return f == null ? List.of() : new ArrayList<>(f.values());
  }

  public synchronized long friendSequence(String owner) {
    return friendSeq.getOrDefault(owner, 0L);
  }

  /** True when {@code owner} blacklisted {@code other}. */
  public synchronized boolean isBlocked(String owner, String other) {
    Map<String, Blocked> b = blacklists.get(owner);
    return b != null && b.containsKey(other);
  }

  /** Blacklists {@code other}; also ends the friendship both ways. False if already there. */
  public synchronized boolean block(String owner, String other, long now) {
    LinkedHashMap<String, Blocked> b = blacklists.computeIfAbsent(owner, k -> new LinkedHashMap<>());
    if (b.containsKey(other)) {
      return false;
    }
    b.put(other, new Blocked(other, now));
    blacklistSeq.merge(owner, 1L, Long::sum);
    removeFriend(owner, other);
    removeFriend(other, owner);
    return true;
  }

  public synchronized boolean unblock(String owner, String other) {
    Map<String, Blocked> b = blacklists.get(owner);
    if (b == null || b.remove(other) == null) {
      return false;
    }
    blacklistSeq.merge(owner, 1L, Long::sum);
    return true;
  }

  public synchronized List<Blocked> blacklist(String owner) {
    Map<String, Blocked> b = blacklists.get(owner);
    return b == null ? List.of() : new ArrayList<>(b.values());
  }

  public synchronized long blacklistSequence(String owner) {
    return blacklistSeq.getOrDefault(owner, 0L);
  }

  /** Forgets everything about {@code user} (account deletion). */
  public synchronized void deleteUser(String user) {
    friends.remove(user);
    blacklists.remove(user);
    friends.values().forEach(m -> m.remove(user));
    blacklists.values().forEach(m -> m.remove(user));
  }

  public synchronized void clear() {
    friends.clear();
    blacklists.clear();
    blacklistSeq.clear();
    friendSeq.clear();
  }
}
