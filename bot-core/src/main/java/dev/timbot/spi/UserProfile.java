package dev.timbot.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One account of {@code portrait_get}: its tag values (a value may be a string, number or
 * array, so it is kept as JSON), and the item's own result code.
 */
public record UserProfile(String account, Map<String, JsonNode> tags, int resultCode) {
  public UserProfile {
    tags = Map.copyOf(tags);
  }

  /** A string tag, or null when absent. */
  public String tag(String name) {
    JsonNode v = tags.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  public String nick() {
    return tag(ProfileTags.NICK);
  }

  public String avatar() {
    return tag(ProfileTags.IMAGE);
  }
}
