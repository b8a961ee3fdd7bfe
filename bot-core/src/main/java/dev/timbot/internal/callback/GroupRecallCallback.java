package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code Group.CallbackAfterRecallMsg}: group messages were recalled. */
@JsonPropertyOrder({
  "CallbackCommand", "Operator_Account", "Type", "GroupId", "MsgSeqList", "TopicId", "EventTime"
})
public record GroupRecallCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("Operator_Account") String operatorAccount,
    @JsonProperty("Type") String type,
    @JsonProperty("GroupId") String groupId,
    @JsonProperty("MsgSeqList") List<SeqItem> msgSeqList,
    @JsonProperty("TopicId") String topicId,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {

  public GroupRecallCallback {
    msgSeqList = msgSeqList == null ? List.of() : List.copyOf(msgSeqList);
  }

  /** One {@code {"MsgSeq": n}} item. */
  public record SeqItem(@JsonProperty("MsgSeq") long msgSeq) {}
}
