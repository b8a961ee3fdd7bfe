package dev.timbot.internal.rest;

import dev.timbot.internal.json.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.spi.ImAdmin.GroupHistoryMessage;
import dev.timbot.spi.ImAdmin.GroupHistoryPage;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.JoinedGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Groups ({@code group_open_http_svc/*}). */
public final class GroupCalls {
  static final String GROUP = "group_open_http_svc";
  /** group_msg_recall takes at most 10 sequences. */
  static final int RECALL_PER_CALL = 10;
  /** group_msg_get_simple answers at most this many messages per call. */
  static final int HISTORY_PER_CALL = 20;
  /** get_group_info takes at most 50 groups. */
  static final int INFO_PER_CALL = 50;
  /** add/delete_group_member: the API pages and the limits page disagree (100–500); 100 is safe. */
  static final int MEMBERS_PER_CALL = 100;
  /** get_joined_group_list page size (the API allows up to 5000). */
  static final int JOINED_PAGE = 1000;

  private final RestCaller rest;
  private final MessageCalls messages;

  public GroupCalls(RestCaller rest, MessageCalls messages) {
    this.rest = rest;
    this.messages = messages;
  }

  public CompletableFuture<String> create(
      String type, String name, String owner, List<String> members, String groupId) {
    ObjectNode body = Json.object();
    Json.putIfPresent(body, "Owner_Account", owner);
    body.put("Type", type);
    Json.putIfPresent(body, "GroupId", groupId);
    body.put("Name", name);
    if (members != null && !members.isEmpty()) {
      ArrayNode list = body.putArray("MemberList");
      members.forEach(m -> list.addObject().put("Member_Account", m));
    }
    // Repeating a create that may have gone through would make a second group (or fail 10025).
    return rest.call(RestRequest.of(GROUP, "create_group", body).nonIdempotent())
        .thenApply(r -> Json.text(r, "GroupId"));
  }

  public CompletableFuture<GroupSendResult> send(GroupMessage m) {
    // Chosen once: a retry within 5 minutes with the same Random is dropped as a duplicate.
    long rnd = m.random() != null ? m.random() : messages.nextU31();
    ObjectNode body = Json.object();
    // A topic ID in place of the group ID (the TIM SDK's way) sends to that Community topic.
    String topicGroup = TopicIds.groupOf(m.groupId());
    body.put("GroupId", topicGroup != null ? topicGroup : m.groupId());
    Json.putIfPresent(body, "TopicId", topicGroup != null ? m.groupId() : null);
    Json.putIfPresent(body, "From_Account", m.from());
    body.put("Random", rnd);
    Json.putIfPresent(body, "MsgPriority", m.msgPriority());
    body.set("MsgBody", WireJson.writeBody(m.elements()));
    MessageCalls.forbidCallbacks(body, m.forbidBeforeCallback(), m.forbidAfterCallback());
    if (m.onlineOnly()) {
      body.put("OnlineOnlyFlag", 1);
    }
    if (!m.atAccounts().isEmpty()) {
      ArrayNode at = body.putArray("GroupAtInfo");
      for (String account : m.atAccounts()) {
        if (GroupMessage.AT_ALL.equals(account)) {
          at.addObject().put("GroupAtAllFlag", 1);
        } else {
          at.addObject().put("GroupAtAllFlag", 0).put("GroupAt_Account", account);
        }
      }
    }
    Json.putIfPresent(body, "CloudCustomData", m.cloudCustomData());
    return rest.call(RestRequest.of(GROUP, "send_group_msg", body))
        .thenApply(
            r -> {
              Instant time = Json.seconds(r, "MsgTime");
              return new GroupSendResult(
                  Json.longOr(r, "MsgSeq", 0),
                  time == null ? Instant.EPOCH : time,
                  Json.textOr(r, "MsgDropReason", ""),
                  rnd);
            });
  }

  public CompletableFuture<List<ItemResult>> recall(String groupId, List<Long> msgSeqs) {
    return Batches.concatEach(msgSeqs, RECALL_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      String topicGroup = TopicIds.groupOf(groupId);
      body.put("GroupId", topicGroup != null ? topicGroup : groupId);
      Json.putIfPresent(body, "TopicId", topicGroup != null ? groupId : null);
      ArrayNode seqs = body.putArray("MsgSeqList");
      chunk.forEach(s -> seqs.addObject().put("MsgSeq", s));
      return rest.call(RestRequest.of(GROUP, "group_msg_recall", body))
            .thenApply(
                r ->
                    Json.items(r, "RecallRetList").stream()
                        .map(
                            i ->
                                new ItemResult(
                                    Json.textOr(i, "MsgSeq", ""), Json.intOr(i, "RetCode", 0), ""))
                        .toList());
    });
  }

  /** {@code group_msg_get_simple}: messages with MsgSeq ≤ {@code upToSeq} (newest when null), newest first. */
  public CompletableFuture<GroupHistoryPage> history(String groupId, Long upToSeq, int count) {
    if (count < 1 || count > HISTORY_PER_CALL) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "group_msg_get_simple returns 1 to " + HISTORY_PER_CALL + " messages per call, not " + count));
    }
    ObjectNode body = Json.object();
    String topicGroup = TopicIds.groupOf(groupId);
    body.put("GroupId", topicGroup != null ? topicGroup : groupId);
    Json.putIfPresent(body, "TopicId", topicGroup != null ? groupId : null);
    if (upToSeq != null) {
      body.put("ReqMsgSeq", upToSeq);
    }
    body.put("ReqMsgNumber", count);
    // Recalled messages are listed too: a send that landed and was recalled still landed.
    body.put("WithRecalledMsg", 1);
    return rest.call(RestRequest.of(GROUP, "group_msg_get_simple", body)).thenApply(r -> {
      List<GroupHistoryMessage> out = new ArrayList<>();
      for (JsonNode m : Json.items(r, "RspMsgList")) {
        int place = Json.intOr(m, "IsPlaceMsg", 0);
        Message message = Message.builder()
            .conversation(Conversation.group(groupId))
            .from(Json.textOr(m, "From_Account", ""))
            .to(groupId)
            .msgSeq(Json.longOr(m, "MsgSeq", 0))
            .msgRandom(Json.longOr(m, "MsgRandom", 0))
            .time(Instant.ofEpochSecond(Json.longOr(m, "MsgTimeStamp", 0)))
            .cloudCustomData(Json.text(m, "CloudCustomData"))
            .elements(place != 0 ? List.of() : WireJson.readBody(m.get("MsgBody")))
            .build();
        out.add(new GroupHistoryMessage(message, place));
      }
      return new GroupHistoryPage(Json.intOr(r, "IsFinished", 1) != 0, out);
    });
  }

  public CompletableFuture<List<JoinedGroup>> joined(String account) {
    List<JoinedGroup> out = new ArrayList<>();
    return joinedPage(account, 0, out);
  }

  private CompletableFuture<List<JoinedGroup>> joinedPage(
      String account, int offset, List<JoinedGroup> out) {
    ObjectNode body = Json.object();
    body.put("Member_Account", account);
    // A bot may sit in live rooms (AVChatRoom) and quiet work groups: list those too.
    body.put("WithHugeGroups", 1);
    body.put("WithNoActiveGroups", 1);
    body.put("Limit", JOINED_PAGE);
    body.put("Offset", offset);
    body.putObject("ResponseFilter").set("GroupBaseInfoFilter", Json.strings(List.of("Type", "Name")));
    return rest.call(RestRequest.of(GROUP, "get_joined_group_list", body))
        .thenCompose(
            r -> {
              List<JsonNode> page = Json.items(r, "GroupIdList");
              page.forEach(
                  g ->
                      out.add(
                          new JoinedGroup(
                              Json.text(g, "GroupId"), Json.text(g, "Name"), Json.text(g, "Type"))));
              long total = Json.longOr(r, "TotalCount", out.size());
              if (page.isEmpty() || page.size() < JOINED_PAGE || out.size() >= total) {
                return CompletableFuture.completedFuture(List.copyOf(out));
              }
              return joinedPage(account, offset + page.size(), out);
            });
  }

  public CompletableFuture<List<GroupInfo>> info(List<String> groupIds) {
    return Batches.concatEach(groupIds, INFO_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.set("GroupIdList", Json.strings(chunk));
      // The top-level ErrorCode of get_group_info is documented as meaningless: read each group's.
      RestRequest request =
          RestRequest.of(GROUP, "get_group_info", body).withItemsField("GroupInfo");
      return rest.call(request)
            .thenApply(r -> Json.items(r, "GroupInfo").stream().map(GroupCalls::readInfo).toList());
    });
  }

  private static GroupInfo readInfo(JsonNode g) {
    List<String> members =
        Json.items(g, "MemberList").stream()
            .map(m -> Json.text(m, "Member_Account"))
            .filter(a -> a != null)
            .toList();
    return new GroupInfo(
        Json.text(g, "GroupId"),
        Json.intOr(g, "ErrorCode", 0),
        Json.textOr(g, "ErrorInfo", ""),
        Json.text(g, "Type"),
        Json.text(g, "Name"),
        Json.text(g, "Owner_Account"),
        Json.intOr(g, "MemberNum", 0),
        members,
        g.toString());
  }

  public CompletableFuture<List<ItemResult>> addMembers(
      String groupId, List<String> accounts, boolean silent) {
    return Batches.concatEach(accounts, MEMBERS_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.put("GroupId", groupId);
      if (silent) {
        body.put("Silence", 1);
      }
      ArrayNode list = body.putArray("MemberList");
      chunk.forEach(a -> list.addObject().put("Member_Account", a));
      return rest.call(RestRequest.of(GROUP, "add_group_member", body))
            .thenApply(
                r ->
                    Json.items(r, "MemberList").stream()
                        .map(
                            m ->
                                new ItemResult(
                                    Json.text(m, "Member_Account"),
                                    Json.intOr(m, "Result", 0),
                                    resultText(Json.intOr(m, "Result", 0))))
                        .toList());
    });
  }

  /** add_group_member's {@code Result}: 0 failed, 1 added, 2 already a member, 3 awaiting approval. */
  private static String resultText(int result) {
    return switch (result) {
      case 0 -> "failed";
      case 1 -> "added";
      case 2 -> "already a member";
      case 3 -> "awaiting approval";
      default -> "result " + result;
    };
  }

  public CompletableFuture<Void> deleteMembers(
      String groupId, List<String> accounts, String reason, boolean silent) {
    return Batches.allEach(accounts, MEMBERS_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.put("GroupId", groupId);
      if (silent) {
        body.put("Silence", 1);
      }
      Json.putIfPresent(body, "Reason", reason);
      body.set("MemberToDel_Account", Json.strings(chunk));
      return rest.call(RestRequest.of(GROUP, "delete_group_member", body)).thenApply(r -> null);
    }).thenApply(r -> null);
  }
}
