package dev.timbot.emulator.internal.store;

import dev.timbot.emulator.ImError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Groups by ID. Every change runs inside {@link #mutate} under one lock, so a group's sequence
 * counter, dedupe memory and member list change together.
 */
public final class GroupStore {
  private final Map<String, Group> groups = new LinkedHashMap<>();
  /** IDs ever used: the service refuses to reuse a destroyed custom group ID (10025). */
  private final Map<String, Boolean> everUsed = new LinkedHashMap<>();

  /** Creates a group; 10021 if the ID is taken, 10025 if it was used before. */
  public synchronized Group create(String groupId, String type, long now) {
    if (groups.containsKey(groupId)) {
      throw new ImError(10021, "group id has been used!");
    }
    if (everUsed.containsKey(groupId)) {
      throw new ImError(10025, "group id has been used by you before");
    }
    Group g = new Group(groupId, type, now);
    groups.put(groupId, g);
    everUsed.put(groupId, true);
    return g;
  }

  public synchronized boolean exists(String groupId) {
    return groups.containsKey(groupId);
  }

  /** Runs {@code change} on the live group under the store lock; 10010 if there is none. */
  public synchronized <T> T mutate(String groupId, Function<Group, T> change) {
    Group g = groups.get(groupId);
    if (g == null) {
      throw new ImError(10010, "group not found or already dismissed");
    }
    return change.apply(g);
  }

  /** A detached copy of the group. */
  public synchronized Optional<Group> snapshot(String groupId) {
    Group g = groups.get(groupId);
    return g == null ? Optional.empty() : Optional.of(g.copy());
  }

  /** Copies of every group {@code account} belongs to, in creation order. */
  public synchronized List<Group> joinedBy(String account) {
    List<Group> out = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.isMember(account)) {
        out.add(g.copy());
      }
    }
    return out;
  }

  /** Every group ID, in creation order. */
  public synchronized List<String> ids() {
    return new ArrayList<>(groups.keySet());
  }

  public synchronized boolean destroy(String groupId) {
    return groups.remove(groupId) != null;
  }

  public synchronized void deleteUser(String account) {
    groups.values().forEach(g -> g.members.remove(account));
  }

  public synchronized void clear() {
    groups.clear();
    everUsed.clear();
  }
}
