package dev.timbot.emulator.internal.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imported accounts and robots, plus each account's login state (which platforms are online,
 * and when it was last kicked: sigs issued before that no longer log in).
 */
public final class AccountStore {
  public static final String ROBOT_PREFIX = "@RBT#";

  /** One account; mutable state is guarded by the store. */
  public static final class Account {
    final String userId;
    final long createdAt;
    boolean robot;
    boolean robotValid;
    long kickedAt = Long.MIN_VALUE;
    final Map<String, String> platforms = new LinkedHashMap<>();

    Account(String userId, long createdAt) {
      this.userId = userId;
      this.createdAt = createdAt;
    }
  }

  /** A snapshot of one account's online state. */
  public record Presence(String userId, Map<String, String> platforms) {
    public boolean online() {
      return platforms.containsValue("Online");
    }
  }

  private final Map<String, Account> accounts = new LinkedHashMap<>();

  /** Creates the account if missing; returns true if it was created. */
  public synchronized boolean importAccount(String userId, long now) {
    if (accounts.containsKey(userId)) {
      return false;
    }
    accounts.put(userId, new Account(userId, now));
    return true;
  }

  public synchronized boolean exists(String userId) {
    return userId != null && accounts.containsKey(userId);
  }

  public synchronized boolean delete(String userId) {
    return accounts.remove(userId) != null;
  }

  /** Creates or revives a robot account. */
  public synchronized void createRobot(String userId, long now) {
    Account a = accounts.computeIfAbsent(userId, id -> new Account(id, now));
    a.robot = true;
    a.robotValid = true;
  }

  /** Marks a robot invalid; the user ID itself stays (as documented). */
  public synchronized boolean deleteRobot(String userId) {
    Account a = accounts.get(userId);
    if (a == null || !a.robot || !a.robotValid) {
      return false;
    }
    a.robotValid = false;
    return true;
  }

  public synchronized boolean isActiveRobot(String userId) {
    Account a = accounts.get(userId);
    return a != null && a.robot && a.robotValid;
  }

  public synchronized List<String> robots() {
    List<String> out = new ArrayList<>();
    accounts.values().stream().filter(a -> a.robot && a.robotValid).forEach(a -> out.add(a.userId));
    return out;
  }

  public synchronized List<String> all() {
    return new ArrayList<>(accounts.keySet());
  }

  /** Invalidates logins with sigs issued at or before {@code now}; clears presence. */
  public synchronized Optional<Presence> kick(String userId, long now) {
    Account a = accounts.get(userId);
    if (a == null) {
      return Optional.empty();
    }
    a.kickedAt = now;
    Presence before = new Presence(userId, Map.copyOf(a.platforms));
    a.platforms.clear();
    return Optional.of(before);
  }

  /** Sigs issued at or before this time were invalidated by a kick. */
  public synchronized long kickedAt(String userId) {
    Account a = accounts.get(userId);
    return a == null ? Long.MIN_VALUE : a.kickedAt;
  }

  /** Sets a platform's status ({@code Online}/{@code PushOnline}), or removes it when null. */
  public synchronized void setPresence(String userId, String platform, String status) {
    Account a = accounts.get(userId);
    if (a == null) {
      return;
    }
    if (status == null) {
      a.platforms.remove(platform);
    } else {
      a.platforms.put(platform, status);
    }
  }

  public synchronized Optional<Presence> presence(String userId) {
    Account a = accounts.get(userId);
    return a == null
        ? Optional.empty()
        : Optional.of(new Presence(userId, new LinkedHashMap<>(a.platforms)));
  }

  public synchronized void clear() {
    accounts.clear();
  }

  public static boolean isRobotId(String userId) {
    return userId != null && userId.startsWith(ROBOT_PREFIX);
  }
}
