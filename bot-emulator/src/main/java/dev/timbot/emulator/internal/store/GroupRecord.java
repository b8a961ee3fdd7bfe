package dev.timbot.emulator.internal.store;

import dev.timbot.message.MessageElem;
import dev.timbot.emulator.GroupAt;
import java.util.List;

/**
 * One group message; {@code msgSeq} is the group's own counter, from 1. {@code topicId} is the
 * Community topic it was sent to, or null.
 */
public record GroupRecord(
    String groupId,
    long msgSeq,
    String from,
    long random,
    long msgTime,
    List<MessageElem> body,
    String cloudCustomData,
    List<GroupAt> atInfo,
    String topicId,
    boolean recalled) {

  public GroupRecord {
    body = List.copyOf(body);
    atInfo = atInfo == null ? List.of() : List.copyOf(atInfo);
  }

  /** The TIM SDK conversation: {@code GROUP<topicID>} for a topic message. */
  public String conversationId() {
    return "GROUP" + (topicId != null ? topicId : groupId);
  }

  public GroupRecord asRecalled() {
    return new GroupRecord(groupId, msgSeq, from, random, msgTime, body, cloudCustomData, atInfo, topicId, true);
  }
}
