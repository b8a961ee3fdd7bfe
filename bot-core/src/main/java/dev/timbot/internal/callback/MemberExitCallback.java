package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code Group.CallbackAfterMemberExit}; {@code ExitType} is {@code Kicked} or {@code Quit}. */
@JsonPropertyOrder({
  "CallbackCommand", "GroupId", "Type", "ExitType", "Operator_Account", "ExitMemberList", "EventTime"
})
public record MemberExitCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("GroupId") String groupId,
    @JsonProperty("Type") String type,
    @JsonProperty("ExitType") String exitType,
    @JsonProperty("Operator_Account") String operatorAccount,
    @JsonProperty("ExitMemberList") List<MemberAccount> exitMemberList,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {
  public MemberExitCallback {
    exitMemberList = exitMemberList == null ? List.of() : List.copyOf(exitMemberList);
  }
}
