package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code Profile.CallbackPortraitSet}: an account changed its profile. */
@JsonPropertyOrder({"CallbackCommand", "Operator_Account", "From_Account", "EventTime", "ProfileItem"})
public record PortraitSetCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("Operator_Account") String operatorAccount,
    @JsonProperty("From_Account") String fromAccount,
    @JsonProperty("EventTime") Long eventTime,
    @JsonProperty("ProfileItem") List<ProfileItem> profileItem)
    implements CallbackEvent {
  public PortraitSetCallback {
    profileItem = profileItem == null ? List.of() : List.copyOf(profileItem);
  }

  /** One changed tag; the value may be a string or a number. */
  @JsonPropertyOrder({"Tag", "Value"})
  public record ProfileItem(@JsonProperty("Tag") String tag, @JsonProperty("Value") JsonNode value) {}
}
