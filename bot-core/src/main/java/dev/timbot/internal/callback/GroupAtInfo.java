package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One {@code GroupAtInfo} item: {@code GroupAtAllFlag} 1 = @all, else {@code GroupAt_Account}. */
@JsonPropertyOrder({"GroupAtAllFlag", "GroupAt_Account"})
public record GroupAtInfo(
    @JsonProperty("GroupAtAllFlag") int groupAtAllFlag,
    @JsonProperty("GroupAt_Account") String groupAtAccount) {
  public boolean atAll() {
    return groupAtAllFlag == 1;
  }
}
