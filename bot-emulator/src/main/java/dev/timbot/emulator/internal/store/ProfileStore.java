package dev.timbot.emulator.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Profile tags per account ({@code Tag_Profile_IM_*} and {@code Tag_Profile_Custom_*}). */
public final class ProfileStore {
  private final Map<String, Map<String, JsonNode>> profiles = new HashMap<>();

  public synchronized void set(String userId, String tag, JsonNode value) {
    profiles.computeIfAbsent(userId, k -> new LinkedHashMap<>()).put(tag, value.deepCopy());
  }

  /** A copy of the account's tags (empty when none were set). */
  public synchronized Map<String, JsonNode> get(String userId) {
    Map<String, JsonNode> p = profiles.get(userId);
    return p == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p);
  }

  public synchronized void delete(String userId) {
    profiles.remove(userId);
  }

  public synchronized void clear() {
    profiles.clear();
  }
}
