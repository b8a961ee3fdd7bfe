package dev.timbot.emulator.internal.store;

import dev.timbot.message.MessageElem;
import dev.timbot.internal.callback.GroupAtInfo;
import java.util.List;

/** One group message; {@code msgSeq} is the group's own counter, from 1. */
public record GroupRecord(
    String groupId,
    long msgSeq,
    String from,
    long random,
    long msgTime,
    List<MessageElem> body,
    String cloudCustomData,
    List<GroupAtInfo> atInfo,
    boolean recalled) {

  public GroupRecord {
    body = List.copyOf(body);
    atInfo = atInfo == null ? List.of() : List.copyOf(atInfo);
  }

  public GroupRecord asRecalled() {
    return new GroupRecord(groupId, msgSeq, from, random, msgTime, body, cloudCustomData, atInfo, true);
  }
}
