package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.callback.BeforeAnswer;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.Group;
import dev.timbot.emulator.internal.store.GroupRecord;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.message.MessageElem;
import dev.timbot.emulator.internal.wire.ElemCodec;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.GroupAt;
import dev.timbot.emulator.internal.wire.Payloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Group messages: send with per-group MsgSeq, dedupe and rate limit, recall, simple history. */
public final class GroupMessageService {
  static final String SVC = GroupLifecycleService.SVC;
  /** Same sender + same Random within 5 minutes is a duplicate (content is not compared). */
  static final Duration DEDUPE_WINDOW = Duration.ofMinutes(5);

  private final Emulator em;

  public GroupMessageService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "send_group_msg", this::sendRest)
        .add(SVC, "group_msg_recall", this::recall)
        .add(SVC, "group_msg_get_simple", this::getSimple);
  }

  /** What a send needs to know about the group, read under the store lock. */
  private record SendContext(String type, boolean avChatRoom, boolean member, long muteUntil, List<String> members) {}

  /** A group send's result; {@code dropReason} is {@code MsgFreqCtrl} when rate-limited. */
  public record Outcome(GroupRecord record, String dropReason, boolean duplicate) {}

  private ObjectNode sendRest(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    String from = b.optString("From_Account");
    if (from == null || from.isEmpty()) {
      from = call.identifier();
    }
    Long random = b.optLong(10004, "Random");
    if (random == null || random < 0 || random > 0xFFFF_FFFFL) {
      throw new ImError(10004, "Random is missing or not a 32-bit unsigned integer");
    }
    List<MessageElem> body = em.mediaLinker.link(Messages.parseBody(b.get("MsgBody"), 10004, 10004, 10004));
    String ccd = b.optString("CloudCustomData");
    if (Messages.size(body, ccd) > em.config.maxMessageBytes()) {
      throw new ImError(80002, "message too long: at most " + em.config.maxMessageBytes() + " bytes");
    }
    List<GroupAt> at = new ArrayList<>();
    for (JsonNode n : b.array(10004, "GroupAtInfo")) {
      JsonNode flag = n.get("GroupAtAllFlag");
      JsonNode who = n.get("GroupAt_Account");
      if (!n.isObject() || flag == null || !flag.isIntegralNumber() || (flag.asInt() != 0 && flag.asInt() != 1)
          || (who != null && !who.isTextual()) || (flag.asInt() == 0 && who == null)) {
        throw new ImError(10004, "GroupAtInfo items need GroupAtAllFlag 0/1 and, for 0, a GroupAt_Account string");
      }
      at.add(new GroupAt(flag.asInt(), who == null ? null : who.asText()));
    }
    String topicId = b.optString("TopicId");
    List<String> forbid = b.stringList(10004, "ForbidCallbackControl");
    int onlineOnly = b.optInt(10004, 0, "OnlineOnlyFlag");
    Outcome o = send(id, topicId, from, call.identifier(), random, body, ccd, at, onlineOnly,
        forbid.contains("ForbidBeforeSendMsgCallback"), forbid.contains("ForbidAfterSendMsgCallback"),
        call.clientIp(), "RESTAPI", false);
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("MsgTime", o.record().msgTime());
    out.put("MsgSeq", o.record().msgSeq());
    if (o.dropReason() != null) {
      out.put("MsgDropReason", o.dropReason());
    }
    return out;
  }

  /** Sends a group message through membership/mute checks, dedupe, rate limit and callbacks. */
  public Outcome send(String groupId, String topicId, String from, String operator, long random,
      List<MessageElem> body,
      String ccd, List<GroupAt> at, int onlineOnly, boolean forbidBefore, boolean forbidAfter,
      String clientIp, String platform, boolean clientPath) {
    if (!em.accounts.exists(from)) {
      throw new ImError(10019, "From_Account does not exist");
    }
    // Read only what the send needs: copying the group would copy its whole history.
    SendContext snap = em.groups.mutate(groupId, g -> {
      Group.Member m = g.members.get(from);
      boolean silencedByAll = g.muteAll && m != null && "Member".equals(m.role);
      return new SendContext(g.type, g.isAvChatRoom(), m != null,
          silencedByAll ? Long.MAX_VALUE : (m == null ? 0 : m.muteUntil), List.copyOf(g.members.keySet()));
    });
    boolean admin = from.equals(em.config.admin()) && !clientPath;
    if (topicId != null && !(snap.type().equals("Community") && topicId.startsWith("@TGS#_" + groupId + "@TOPIC#_"))) {
      throw new ImError(10004, "TopicId is not a topic of this Community group");
    }
    if (!admin && !snap.member() && !snap.avChatRoom()) {
      throw new ImError(10007, "the sender is not a member of the group");
    }
    long now = em.nowSeconds();
    if (snap.muteUntil() > now) {
      throw new ImError(10017, "the sender is muted in this group");
    }
    long nowNanos = em.clock.nanoTime();
    String dedupeKey = (topicId == null ? "" : topicId) + "|" + from + "|" + random;
    GroupRecord dup = em.groups.mutate(groupId, g -> g.remembered(dedupeKey, nowNanos));
    if (dup != null) {
      return new Outcome(dup, null, true);
    }
    if (!em.limiter.tryAcquire("group:" + groupId, em.config.groupMessagesPerSecond())) {
      if (em.config.groupRateLimitAsError()) {
        throw new ImError(10023, "group message rate limit exceeded");
      }
      // The documented alternative: "success", but the message is dropped by rate control.
      GroupRecord dropped = em.groups.mutate(groupId, g ->
          new GroupRecord(groupId, g.nextMsgSeq++, from, random, now, body, ccd, at, topicId, false));
      return new Outcome(dropped, "MsgFreqCtrl", false);
    }
    List<MessageElem> finalBody = body;
    String finalCcd = ccd;
    if (!forbidBefore) {
      // No MsgSeq/MsgTime yet: they are assigned after the callback allows the message.
      ObjectNode payload = Payloads.groupMessage(new Payloads.GroupFields(Commands.GROUP_BEFORE_SEND_MSG,
          groupId, snap.type(), from, operator, random, onlineOnly, ElemCodec.write(body), ccd, topicId),
          null, null, at, null, em.eventTime());
      BeforeAnswer a = em.callbacks.before(Commands.GROUP_BEFORE_SEND_MSG, payload, clientIp,
          platform, 10100, 10200);
      switch (a.verdict()) {
        case REJECT -> throw a.errorCode() == 1
            ? new ImError(10016, "message rejected by the before-send callback")
            : new ImError(a.errorCode(), a.errorInfo());
        case DROP -> {
          GroupRecord silent = new GroupRecord(groupId, 0, from, random, now, body, ccd, at, topicId, false);
          return new Outcome(silent, null, false);
        }
        case ALLOW -> {
          if (a.msgBody() != null) {
            finalBody = em.mediaLinker.link(Messages.parseBody(a.msgBody(), 10004, 10004, 10004));
          }
          if (a.cloudCustomData() != null) {
            finalCcd = a.cloudCustomData();
          }
        }
      }
    }
    List<MessageElem> b0 = finalBody;
    String c0 = finalCcd;
    boolean[] raced = {false};
    GroupRecord record = em.groups.mutate(groupId, g -> {
      GroupRecord again = g.remembered(dedupeKey, nowNanos);
      if (again != null) {
        raced[0] = true;
        return again;
      }
      GroupRecord r = new GroupRecord(groupId, g.nextMsgSeq++, from, random, now, b0, c0, at, topicId, false);
      if (onlineOnly != 1) {
        g.append(r);
      }
      Group.Member m = g.members.get(from);
      if (m != null) {
        m.lastSendTime = now;
        m.readSeq = Math.max(m.readSeq, r.msgSeq());
      }
      g.remember(dedupeKey, r, nowNanos + DEDUPE_WINDOW.toNanos());
      return r;
    });
    if (raced[0]) {
      return new Outcome(record, null, true);
    }
    var view = Messages.view(record);
    snap.members().forEach(member -> em.clients.message(member, view));
    String lane = "group:" + groupId;
    if (!forbidAfter) {
      em.callbacks.after(lane, Commands.GROUP_AFTER_SEND_MSG,
          Payloads.groupMessage(fields(Commands.GROUP_AFTER_SEND_MSG, snap.type(), operator, onlineOnly, record),
              record.msgSeq(), record.msgTime(), at, null, em.eventTime()),
          clientIp, platform);
    }
    Set<String> robots = new LinkedHashSet<>();
    for (GroupAt a : at) {
      // Only a robot that is in the group hears its name.
      if (!a.atAll() && a.groupAtAccount() != null && em.accounts.isActiveRobot(a.groupAtAccount())
          && snap.members().contains(a.groupAtAccount())) {
        robots.add(a.groupAtAccount());
      }
    }
    if (!robots.isEmpty()) {
      em.callbacks.after(lane, Commands.BOT_ON_GROUP_MESSAGE,
          Payloads.groupMessage(fields(Commands.BOT_ON_GROUP_MESSAGE, snap.type(), operator, onlineOnly, record),
              record.msgSeq(), record.msgTime(), null, List.copyOf(robots), em.eventTime()),
          clientIp, platform);
    }
    return new Outcome(record, null, false);
  }

  private static Payloads.GroupFields fields(String command, String type, String operator, int onlineOnly,
      GroupRecord r) {
    return new Payloads.GroupFields(command, r.groupId(), type, r.from(), operator, r.random(), onlineOnly,
        ElemCodec.write(r.body()), r.cloudCustomData(), r.topicId());
  }

  private ObjectNode recall(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    List<JsonNode> seqs = b.array(10004, "MsgSeqList");
    if (seqs.isEmpty() || seqs.size() > 10) {
      throw new ImError(10004, "MsgSeqList must hold 1 to 10 items");
    }
    for (JsonNode n : seqs) {
      if (!n.isObject() || !n.path("MsgSeq").isIntegralNumber()) {
        throw new ImError(10004, "MsgSeqList items must be {\"MsgSeq\": integer}");
      }
    }
    List<Long> list = seqs.stream().map(n -> n.get("MsgSeq").asLong()).toList();
    ObjectNode out = Wire.mapper().createObjectNode();
    out.set("RecallRetList", recall(id, list, call.identifier(), call.clientIp(), "RESTAPI"));
    return out;
  }

  /** Recalls messages by sequence; one {@code {MsgSeq, RetCode}} per sequence. */
  public ArrayNode recall(String id, List<Long> seqs, String operator, String clientIp, String platform) {
    ArrayNode ret = Wire.mapper().createArrayNode();
    List<GroupRecord> recalled = new ArrayList<>();
    String type = em.groups.mutate(id, g -> {
      for (long seq : seqs) {
        GroupRecord r = g.messages().stream().filter(x -> x.msgSeq() == seq).findFirst().orElse(null);
        int code;
        if (r == null) {
          code = 10030;
        } else {
          // Recalling twice is harmless: the message stays recalled.
          if (!r.recalled()) {
            GroupRecord rr = r.asRecalled();
            g.replace(rr);
            recalled.add(rr);
          }
          code = 0;
        }
        ret.addObject().put("MsgSeq", seq).put("RetCode", code);
      }
      return g.type;
    });
    if (!recalled.isEmpty()) {
      Set<String> members = em.groups.snapshot(id).map(g -> g.members.keySet()).orElse(Set.of());
      for (GroupRecord r : recalled) {
        members.forEach(m -> em.clients.recalled(m, Messages.view(r)));
      }
      // One callback per topic (TopicId is a single field); main-channel messages have none.
      java.util.Map<String, List<Long>> byTopic = new java.util.LinkedHashMap<>();
      for (GroupRecord r : recalled) {
        byTopic.computeIfAbsent(r.topicId() == null ? "" : r.topicId(), k -> new ArrayList<>()).add(r.msgSeq());
      }
      byTopic.forEach((topic, topicSeqs) -> em.callbacks.after("group:" + id, Commands.GROUP_AFTER_RECALL_MSG,
          Payloads.groupRecall(operator, type, id, topicSeqs, topic.isEmpty() ? null : topic, em.eventTime()),
          clientIp, platform));
    }
    return ret;
  }

  private ObjectNode getSimple(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    Group g = em.groups.snapshot(id).orElseThrow(() -> new ImError(10010, "group not found"));
    if (g.isAvChatRoom()) {
      throw new ImError(10007, "AVChatRoom has no history");
    }
    int n = Math.max(1, Math.min(20, b.optInt(10004, 20, "ReqMsgNumber")));
    Long reqSeq = b.optLong(10004, "ReqMsgSeq");
    boolean withRecalled = b.optInt(10004, 0, "WithRecalledMsg") == 1;
    List<GroupRecord> all = g.messages();
    List<GroupRecord> picked = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && picked.size() < n; i--) {
      GroupRecord r = all.get(i);
      if ((reqSeq == null || r.msgSeq() <= reqSeq) && (withRecalled || !r.recalled())) {
        picked.add(r);
      }
    }
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("GroupId", id);
    long oldest = picked.isEmpty() ? 0 : picked.get(picked.size() - 1).msgSeq();
    boolean more = all.stream().anyMatch(r -> r.msgSeq() < oldest);
    out.put("IsFinished", more ? 0 : 1);
    ArrayNode list = out.putArray("RspMsgList");
    for (GroupRecord r : picked) {
      ObjectNode item = list.addObject();
      item.put("From_Account", r.from());
      item.put("IsPlaceMsg", r.recalled() ? 2 : 0);
      item.set("MsgBody", r.recalled() ? Wire.mapper().createArrayNode() : ElemCodec.write(r.body()));
      item.put("MsgPriority", 2);
      item.put("MsgRandom", r.random());
      item.put("MsgSeq", r.msgSeq());
      item.put("MsgTimeStamp", r.msgTime());
      if (r.cloudCustomData() != null) {
        item.put("CloudCustomData", r.cloudCustomData());
      }
    }
    return out;
  }

  /** Marks a member's group messages read up to the newest. */
  public void markRead(String groupId, String account) {
    em.groups.mutate(groupId, g -> {
      Group.Member m = g.members.get(account);
      if (m != null) {
        m.readSeq = g.nextMsgSeq - 1;
      }
      return null;
    });
  }
}
