package dev.timbot.emulator.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.GroupAt;
import java.util.List;

/**
 * Callback bodies, shaped after the examples on the "第三方回调" pages (field names, order and
 * JSON types as documented; {@code EventTime} in milliseconds as a number). Each method builds
 * one documented payload.
 */
public final class Payloads {
  private Payloads() {}

  /** {@code C2C.CallbackBeforeSendMsg}, {@code C2C.CallbackAfterSendMsg}, {@code Bot.OnC2CMessage}. */
  public static ObjectNode c2cMessage(C2cFields m, Integer sendMsgResult, String errorInfo, Integer unreadMsgNum,
      long eventTime) {
    ObjectNode o = command(m.command());
    o.put("From_Account", m.from());
    o.put("To_Account", m.to());
    o.put("MsgSeq", m.msgSeq());
    o.put("MsgRandom", m.msgRandom());
    o.put("MsgTime", m.msgTime());
    o.put("MsgKey", m.msgKey());
    o.put("MsgId", m.msgId());
    o.put("OnlineOnlyFlag", m.onlineOnlyFlag());
    if (sendMsgResult != null) {
      o.put("SendMsgResult", sendMsgResult);
      o.put("ErrorInfo", errorInfo == null ? "" : errorInfo);
    }
    if (unreadMsgNum != null) {
      o.put("UnreadMsgNum", unreadMsgNum);
    }
    o.set("MsgBody", m.msgBody());
    if (m.cloudCustomData() != null) {
      o.put("CloudCustomData", m.cloudCustomData());
    }
    o.put("EventTime", eventTime);
    return o;
  }

  /** The fields every C2C message callback carries. */
  public record C2cFields(String command, String from, String to, long msgSeq, long msgRandom, long msgTime,
      String msgKey, String msgId, int onlineOnlyFlag, ArrayNode msgBody, String cloudCustomData) {}

  /**
   * {@code Group.CallbackBeforeSendMsg} (no {@code MsgSeq}/{@code MsgTime}: null),
   * {@code Group.CallbackAfterSendMsg}, {@code Bot.OnGroupMessage} ({@code atRobots} non-empty).
   */
  public static ObjectNode groupMessage(GroupFields m, Long msgSeq, Long msgTime, List<GroupAt> at,
      List<String> atRobots, long eventTime) {
    ObjectNode o = command(m.command());
    o.put("GroupId", m.groupId());
    o.put("Type", m.type());
    o.put("From_Account", m.from());
    o.put("Operator_Account", m.operator());
    o.put("Random", m.random());
    if (msgSeq != null) {
      o.put("MsgSeq", msgSeq);
    }
    if (msgTime != null) {
      o.put("MsgTime", msgTime);
    }
    o.put("OnlineOnlyFlag", m.onlineOnlyFlag());
    o.set("MsgBody", m.msgBody());
    if (m.cloudCustomData() != null) {
      o.put("CloudCustomData", m.cloudCustomData());
    }
    if (m.topicId() != null) {
      o.put("TopicId", m.topicId());
    }
    if (at != null && !at.isEmpty()) {
      ArrayNode a = o.putArray("GroupAtInfo");
      for (GroupAt g : at) {
        ObjectNode item = a.addObject().put("GroupAtAllFlag", g.groupAtAllFlag());
        if (g.groupAtAccount() != null) {
          item.put("GroupAt_Account", g.groupAtAccount());
        }
      }
    }
    if (atRobots != null && !atRobots.isEmpty()) {
      ArrayNode r = o.putArray("AtRobots_Account");
      atRobots.forEach(r::add);
    }
    o.put("EventTime", eventTime);
    return o;
  }

  /** The fields every group message callback carries. */
  public record GroupFields(String command, String groupId, String type, String from, String operator,
      long random, int onlineOnlyFlag, JsonNode msgBody, String cloudCustomData, String topicId) {}

  /** {@code Group.CallbackAfterRecallMsg}. */
  public static ObjectNode groupRecall(String operator, String type, String groupId, List<Long> seqs,
      String topicId, long eventTime) {
    ObjectNode o = command(Commands.GROUP_AFTER_RECALL_MSG);
    o.put("Operator_Account", operator);
    o.put("Type", type);
    o.put("GroupId", groupId);
    ArrayNode list = o.putArray("MsgSeqList");
    seqs.forEach(s -> list.addObject().put("MsgSeq", s));
    if (topicId != null) {
      o.put("TopicId", topicId);
    }
    o.put("EventTime", eventTime);
    return o;
  }

  /** {@code Group.CallbackAfterNewMemberJoin}; {@code joinType} {@code Apply} or {@code Invited}. */
  public static ObjectNode memberJoin(String groupId, String type, String joinType, String operator,
      List<String> members, long eventTime) {
    return members(Commands.GROUP_AFTER_NEW_MEMBER_JOIN, groupId, type, "JoinType", joinType, operator,
        "NewMemberList", members, eventTime);
  }

  /** {@code Group.CallbackAfterMemberExit}; {@code exitType} {@code Kicked} or {@code Quit}. */
  public static ObjectNode memberExit(String groupId, String type, String exitType, String operator,
      List<String> members, long eventTime) {
    return members(Commands.GROUP_AFTER_MEMBER_EXIT, groupId, type, "ExitType", exitType, operator,
        "ExitMemberList", members, eventTime);
  }

  private static ObjectNode members(String command, String groupId, String type, String kindField, String kind,
      String operator, String listField, List<String> members, long eventTime) {
    ObjectNode o = command(command);
    o.put("GroupId", groupId);
    o.put("Type", type);
    o.put(kindField, kind);
    o.put("Operator_Account", operator);
    ArrayNode list = o.putArray(listField);
    members.forEach(m -> list.addObject().put("Member_Account", m));
    o.put("EventTime", eventTime);
    return o;
  }

  /** {@code State.StateChange}: {@code Info.Action} Login/Logout/Disconnect with its Reason. */
  public static ObjectNode stateChange(String action, String user, String reason, long eventTime) {
    ObjectNode o = command(Commands.STATE_CHANGE);
    o.put("EventTime", eventTime);
    o.putObject("Info").put("Action", action).put("To_Account", user).put("Reason", reason);
    return o;
  }

  /** One {@code PairList} item; {@code initiator} only on friend adds. */
  public record Pair(String from, String to, String initiator) {}

  /** {@code Sns.CallbackFriendAdd} / {@code Sns.CallbackFriendDelete}. */
  public static ObjectNode friend(String command, List<Pair> pairs, String clientCmd, String admin,
      Integer forceFlag, long eventTime) {
    ObjectNode o = pairs(command, pairs);
    o.put("ClientCmd", clientCmd);
    o.put("Admin_Account", admin == null ? "" : admin);
    if (forceFlag != null) {
      o.put("ForceFlag", forceFlag);
    }
    o.put("EventTime", eventTime);
    return o;
  }

  /** {@code Sns.CallbackBlackListAdd} / {@code Sns.CallbackBlackListDelete}. */
  public static ObjectNode blacklist(String command, List<Pair> pairs, long eventTime) {
    ObjectNode o = pairs(command, pairs);
    o.put("EventTime", eventTime);
    return o;
  }

  private static ObjectNode pairs(String command, List<Pair> pairs) {
    ObjectNode o = command(command);
    ArrayNode list = o.putArray("PairList");
    for (Pair p : pairs) {
      ObjectNode item = list.addObject().put("From_Account", p.from()).put("To_Account", p.to());
      if (p.initiator() != null) {
        item.put("Initiator_Account", p.initiator());
      }
    }
    return o;
  }

  /** {@code Profile.CallbackPortraitSet}: the changed {@code ProfileItem}s. */
  public static ObjectNode portraitSet(String operator, String from, long eventTime, List<String> tags,
      List<JsonNode> values) {
    ObjectNode o = command(Commands.PROFILE_PORTRAIT_SET);
    o.put("Operator_Account", operator);
    o.put("From_Account", from);
    o.put("EventTime", eventTime);
    ArrayNode items = o.putArray("ProfileItem");
    for (int i = 0; i < tags.size(); i++) {
      items.addObject().put("Tag", tags.get(i)).set("Value", values.get(i));
    }
    return o;
  }

  /** {@code C2C.CallbackAfterMsgWithDraw}. */
  public static ObjectNode msgWithdraw(String from, String to, String msgKey, int unread, long eventTime) {
    ObjectNode o = command(Commands.C2C_AFTER_MSG_WITHDRAW);
    o.put("From_Account", from);
    o.put("To_Account", to);
    o.put("MsgKey", msgKey);
    o.put("UnreadMsgNum", unread);
    o.put("EventTime", eventTime);
    return o;
  }

  /** {@code C2C.CallbackAfterMsgReport}: {@code reporter} read {@code peer}'s messages. */
  public static ObjectNode msgReport(String reporter, String peer, long lastReadTime, int unread, long eventTime) {
    ObjectNode o = command(Commands.C2C_AFTER_MSG_REPORT);
    o.put("Report_Account", reporter);
    o.put("Peer_Account", peer);
    o.put("LastReadTime", lastReadTime);
    o.put("UnreadMsgNum", unread);
    o.put("EventTime", eventTime);
    return o;
  }

  private static ObjectNode command(String command) {
    return Wire.object().put("CallbackCommand", command);
  }
}
