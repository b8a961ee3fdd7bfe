package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code Sns.CallbackFriendAdd} / {@code Sns.CallbackFriendDelete}. */
@JsonPropertyOrder({"CallbackCommand", "PairList", "ClientCmd", "Admin_Account", "ForceFlag", "EventTime"})
public record FriendCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("PairList") List<AccountPair> pairList,
    @JsonProperty("ClientCmd") String clientCmd,
    @JsonProperty("Admin_Account") String adminAccount,
    @JsonProperty("ForceFlag") Integer forceFlag,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {
  public FriendCallback {
    pairList = pairList == null ? List.of() : List.copyOf(pairList);
  }

  public boolean added() {
    return CallbackCommand.SNS_FRIEND_ADD.equals(command);
  }
}
