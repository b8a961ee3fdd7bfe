package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.timbot.internal.rest.TopicIds;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Group.CallbackBeforeSendMsg}, {@code Group.CallbackAfterSendMsg} and {@code
 * Bot.OnGroupMessage}: one group message. Before-send callbacks have no {@code MsgSeq} yet.
 * {@code AtRobots_Account} is also read as {@code AtRobotAccount}, the spelling one SDK uses.
 */
@JsonPropertyOrder({
  "CallbackCommand", "GroupId", "Type", "From_Account", "Operator_Account", "Random", "MsgSeq",
  "MsgTime", "OnlineOnlyFlag", "MsgBody", "CloudCustomData", "TopicId", "GroupAtInfo",
  "AtRobots_Account", "EventTime"
})
public record GroupMessageCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("GroupId") String groupId,
    @JsonProperty("Type") String type,
    @JsonProperty("From_Account") String fromAccount,
    @JsonProperty("Operator_Account") String operatorAccount,
    @JsonProperty("Random") long random,
    @JsonProperty("MsgSeq") long msgSeq,
    @JsonProperty("MsgTime") long msgTime,
    @JsonProperty("OnlineOnlyFlag") Integer onlineOnlyFlag,
    @JsonProperty("MsgBody") List<MessageElem> msgBody,
    @JsonProperty("CloudCustomData") String cloudCustomData,
    @JsonProperty("TopicId") String topicId,
    @JsonProperty("GroupAtInfo") List<GroupAtInfo> groupAtInfo,
    @JsonProperty("AtRobots_Account") @JsonAlias("AtRobotAccount") List<String> atRobotsAccount,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {

  public GroupMessageCallback {
    msgBody = msgBody == null ? List.of() : List.copyOf(msgBody);
    groupAtInfo = groupAtInfo == null ? null : List.copyOf(groupAtInfo);
    atRobotsAccount = atRobotsAccount == null ? null : List.copyOf(atRobotsAccount);
  }

  /** Every @-mentioned account: {@code GroupAt_Account}s, then {@code AtRobots_Account}. */
  public List<String> mentionedAccounts() {
    List<String> out = new ArrayList<>();
    if (groupAtInfo != null) {
      for (GroupAtInfo at : groupAtInfo) {
        if (!at.atAll() && at.groupAtAccount() != null) {
          out.add(at.groupAtAccount());
        }
      }
    }
    if (atRobotsAccount != null) {
      for (String a : atRobotsAccount) {
        if (!out.contains(a)) {
          out.add(a);
        }
      }
    }
    return out;
  }

  public Message toMessage() {
    return Message.builder()
        // A Community topic is its own conversation, GROUP<topicID> as in the TIM SDK; replies
        // to it go back to the topic (the REST client splits GroupId and TopicId again). A topic
        // ID without its group inside could not be answered there: the group stands in.
        .conversation(Conversation.group(TopicIds.groupOf(topicId) != null ? topicId : groupId))
        .from(fromAccount)
        .msgSeq(msgSeq)
        .msgRandom(random)
        .time(Instant.ofEpochSecond(msgTime))
        .cloudCustomData(cloudCustomData)
        .elements(msgBody)
        .atAccounts(mentionedAccounts())
        .build();
  }
}
