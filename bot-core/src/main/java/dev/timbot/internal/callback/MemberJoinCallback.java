package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code Group.CallbackAfterNewMemberJoin}; {@code JoinType} is {@code Apply} or {@code Invited}. */
@JsonPropertyOrder({
  "CallbackCommand", "GroupId", "Type", "JoinType", "Operator_Account", "NewMemberList", "EventTime"
})
public record MemberJoinCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("GroupId") String groupId,
    @JsonProperty("Type") String type,
    @JsonProperty("JoinType") String joinType,
    @JsonProperty("Operator_Account") String operatorAccount,
    @JsonProperty("NewMemberList") List<MemberAccount> newMemberList,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {
  public MemberJoinCallback {
    newMemberList = newMemberList == null ? List.of() : List.copyOf(newMemberList);
  }
}
