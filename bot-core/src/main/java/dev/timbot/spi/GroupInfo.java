package dev.timbot.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One group of {@code get_group_info}. Each group carries its own {@code ErrorCode} (the
 * top-level one is meaningless for this API); {@code raw} keeps every returned field.
 */
public record GroupInfo(
    String groupId,
    int errorCode,
    String errorInfo,
    String type,
    String name,
    String ownerAccount,
    int memberNum,
    List<String> members,
    JsonNode raw) {
  public GroupInfo {
    members = members == null ? List.of() : List.copyOf(members);
  }

  public boolean ok() {
    return errorCode == 0;
  }
}
