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
import dev.timbot.im.ImException;
import dev.timbot.internal.json.WireJson;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
import dev.timbot.tencent.CallbackCommand;
import dev.timbot.tencent.GroupAtInfo;
import dev.timbot.tencent.GroupMessageCallback;
import dev.timbot.tencent.GroupRecallCallback;
import dev.timbot.tencent.MemberAccount;
import dev.timbot.tencent.MemberExitCallback;
import dev.timbot.tencent.MemberJoinCallback;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Groups: create, members, joined list, info, messages with per-group MsgSeq, recall. */
public final class GroupService {
  static final String SVC = "group_open_http_svc";
  /** Same sender + Random (+ content) within 5 minutes is a duplicate. */
  static final Duration DEDUPE_WINDOW = Duration.ofMinutes(5);
  private static final Set<String> TYPES =
      Set.of("Private", "Work", "Public", "ChatRoom", "Meeting", "AVChatRoom", "Community");
  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Emulator em;

  public GroupService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "create_group", this::create)
        .add(SVC, "destroy_group", this::destroy)
        .add(SVC, "add_group_member", this::addMembers)
        .add(SVC, "delete_group_member", this::deleteMembers)
        .add(SVC, "get_joined_group_list", this::joined)
        .add(SVC, "get_group_info", this::info)
        .add(SVC, "send_group_msg", this::sendRest)
        .add(SVC, "group_msg_recall", this::recall)
        .add(SVC, "group_msg_get_simple", this::getSimple)
        .add(SVC, "forbid_send_msg", this::mute)
        .add(SVC, "get_group_muted_account", this::mutedList)
        .add(SVC, "modify_group_base_info", this::modifyBase)
        .add(SVC, "get_group_member_info", this::memberList)
        .add(SVC, "change_group_owner", this::changeOwner)
        .add(SVC, "get_appid_group_list", this::appGroups)
        .add(SVC, "send_group_system_notification", this::systemNotification);
  }

  private ObjectNode create(RestCall call) {
    Body b = call.body();
    String type = b.string(10004, "Type");
    if (!TYPES.contains(type)) {
      throw new ImException(10004, "unknown group Type");
    }
    String name = b.string(10004, "Name");
    if (name.getBytes(StandardCharsets.UTF_8).length > 30) {
      throw new ImException(10004, "Name is longer than 30 bytes");
    }
    String owner = b.optString("Owner_Account");
    if (owner != null && !em.accounts.exists(owner)) {
      throw new ImException(10019, "Owner_Account does not exist");
    }
    String id = b.optString("GroupId");
    if (id != null) {
      if (id.startsWith("@TGS#") || id.getBytes(StandardCharsets.UTF_8).length > 48
          || !id.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
        throw new ImException(10004, "custom GroupId must be printable ASCII, ≤ 48 bytes, not @TGS#…");
      }
    } else {
      do {
        StringBuilder sb = new StringBuilder("@TGS#").append(1 + ThreadLocalRandom.current().nextInt(3));
        for (int i = 0; i < 8; i++) {
          sb.append(ID_CHARS.charAt(ThreadLocalRandom.current().nextInt(ID_CHARS.length())));
        }
        id = sb.toString();
      } while (em.groups.exists(id));
    }
    List<JsonNode> members = b.array(10004, "MemberList");
    if (members.size() > 100) {
      throw new ImException(10005, "MemberList holds more than 100 members");
    }
    if (!members.isEmpty() && "AVChatRoom".equals(type)) {
      throw new ImException(10007, "AVChatRoom cannot be created with members");
    }
    long now = em.nowSeconds();
    Group g = em.groups.create(id, type, now);
    String owner0 = owner;
    String groupId = id;
    em.groups.mutate(groupId, live -> {
      live.name = name;
      live.introduction = b.optString("Introduction");
      live.notification = b.optString("Notification");
      live.faceUrl = b.optString("FaceUrl");
      live.maxMemberCount = b.optInt(10004, 2000, "MaxMemberCount", "MaxMemberNum");
      live.applyJoinOption = b.optString("ApplyJoinOption") == null ? "NeedPermission" : b.optString("ApplyJoinOption");
      JsonNode app = b.get("AppDefinedData");
      live.appDefinedData = app != null && app.isArray() ? (ArrayNode) app.deepCopy() : null;
      if (owner0 != null) {
        live.owner = owner0;
        live.addMember(owner0, "Owner", now);
      }
      for (JsonNode m : members) {
        String acc = m.path("Member_Account").asText("");
        if (em.accounts.exists(acc)) {
          live.addMember(acc, m.path("Role").asText("Member").equals("Admin") ? "Admin" : "Member", now);
        }
      }
      return null;
    });
    ObjectNode out = WireJson.mapper().createObjectNode();
    out.put("GroupId", g.groupId);
    return out;
  }

  private ObjectNode destroy(RestCall call) {
    String id = call.body().string(10004, "GroupId");
    if (!em.groups.destroy(id)) {
      throw new ImException(10010, "group not found");
    }
    return WireJson.mapper().createObjectNode();
  }

  private ObjectNode addMembers(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    List<JsonNode> list = b.array(10004, "MemberList");
    if (list.isEmpty()) {
      throw new ImException(10004, "MemberList is empty");
    }
    if (list.size() > 300) {
      throw new ImException(10005, "more than 300 members in one request");
    }
    long now = em.nowSeconds();
    ObjectNode out = WireJson.mapper().createObjectNode();
    ArrayNode results = out.putArray("MemberList");
    List<MemberAccount> added = new ArrayList<>();
    String type = em.groups.mutate(id, g -> {
      if (g.isAvChatRoom()) {
        throw new ImException(10007, "AVChatRoom members cannot be added");
      }
      for (JsonNode m : list) {
        String acc = m.isObject() ? m.path("Member_Account").asText("") : m.asText("");
        int result;
        if (!em.accounts.exists(acc)) {
          result = 0;
        } else if (g.isMember(acc)) {
          result = 2;
        } else if (g.members.size() >= g.maxMemberCount) {
          result = 0;
        } else {
          g.addMember(acc, "Member", now);
          added.add(new MemberAccount(acc));
          result = 1;
        }
        results.addObject().put("Member_Account", acc).put("Result", result);
      }
      return g.type;
    });
    if (!added.isEmpty()) {
      em.callbacks.after("group:" + id, CallbackCommand.GROUP_AFTER_NEW_MEMBER_JOIN,
          new MemberJoinCallback(CallbackCommand.GROUP_AFTER_NEW_MEMBER_JOIN, id, type, "Invited",
              call.identifier(), added, em.eventTime()),
          call.clientIp(), "RESTAPI");
    }
    return out;
  }

  private ObjectNode deleteMembers(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    List<String> accounts = b.stringList(10004, "MemberToDel_Account");
    if (accounts.size() > 100) {
      throw new ImException(10005, "more than 100 members in one request");
    }
    List<MemberAccount> removed = new ArrayList<>();
    String type = em.groups.mutate(id, g -> {
      if (g.isAvChatRoom()) {
        throw new ImException(10004, "AVChatRoom members cannot be deleted");
      }
      for (String acc : accounts) {
        if (g.members.remove(acc) != null) {
          removed.add(new MemberAccount(acc));
        }
      }
      return g.type;
    });
    if (!removed.isEmpty()) {
      em.callbacks.after("group:" + id, CallbackCommand.GROUP_AFTER_MEMBER_EXIT,
          new MemberExitCallback(CallbackCommand.GROUP_AFTER_MEMBER_EXIT, id, type, "Kicked",
              call.identifier(), removed, em.eventTime()),
          call.clientIp(), "RESTAPI");
    }
    return WireJson.mapper().createObjectNode();
  }

  private ObjectNode joined(RestCall call) {
    Body b = call.body();
    String acc = b.string(10004, "Member_Account");
    if (!em.accounts.exists(acc)) {
      throw new ImException(10019, "Member_Account does not exist");
    }
    boolean withHuge = b.optInt(10004, 0, "WithHugeGroups") == 1;
    String typeFilter = b.optString("GroupType");
    int limit = b.optInt(10004, 5000, "Limit");
    int offset = b.optInt(10004, 0, "Offset");
    JsonNode filter = b.get("ResponseFilter");
    List<String> baseFilter = texts(filter == null ? null : filter.get("GroupBaseInfoFilter"));
    List<String> selfFilter = texts(filter == null ? null : filter.get("SelfInfoFilter"));
    List<Group> groups = em.groups.joinedBy(acc).stream()
        .filter(g -> withHuge || !g.isAvChatRoom())
        .filter(g -> typeFilter == null || typeFilter.equals(g.type))
        .toList();
    ObjectNode out = WireJson.mapper().createObjectNode();
    out.put("TotalCount", groups.size());
    ArrayNode list = out.putArray("GroupIdList");
    groups.stream().skip(Math.max(0, offset)).limit(Math.max(0, limit)).forEach(g -> {
      ObjectNode item = list.addObject();
      item.put("GroupId", g.groupId);
      ObjectNode base = baseInfo(g);
      for (String f : baseFilter) {
        if (base.has(f)) {
          item.set(f, base.get(f));
        }
      }
      if (!selfFilter.isEmpty()) {
        Group.Member m = g.members.get(acc);
        ObjectNode self = item.putObject("SelfInfo");
        ObjectNode all = memberInfo(m);
        all.put("MsgSeq", m.readSeq);
        for (String f : selfFilter) {
          if (all.has(f)) {
            self.set(f, all.get(f));
          }
        }
      }
    });
    return out;
  }

  private ObjectNode info(RestCall call) {
    Body b = call.body();
    List<String> ids = b.stringList(10004, "GroupIdList");
    if (ids.isEmpty() || ids.size() > 50) {
      throw new ImException(10004, "GroupIdList must hold 1 to 50 IDs");
    }
    JsonNode filter = b.get("ResponseFilter");
    List<String> baseFilter = texts(filter == null ? null : filter.get("GroupBaseInfoFilter"));
    List<String> memberFilter = texts(filter == null ? null : filter.get("MemberInfoFilter"));
    ObjectNode out = WireJson.mapper().createObjectNode();
    ArrayNode list = out.putArray("GroupInfo");
    for (String id : ids) {
      var snap = em.groups.snapshot(id);
      ObjectNode item = list.addObject();
      if (snap.isEmpty()) {
        item.put("GroupId", id);
        item.put("ErrorCode", 10010);
        item.put("ErrorInfo", "group not found or already dismissed");
        continue;
      }
      Group g = snap.get();
      ObjectNode base = baseInfo(g);
      item.put("GroupId", id);
      item.put("ErrorCode", 0);
      item.put("ErrorInfo", "");
      base.fieldNames().forEachRemaining(f -> {
        if (baseFilter.isEmpty() || baseFilter.contains(f) || f.equals("Type")) {
          item.set(f, base.get(f));
        }
      });
      ArrayNode members = item.putArray("MemberList");
      for (Group.Member m : g.members.values()) {
        ObjectNode all = memberInfo(m);
        if (memberFilter.isEmpty()) {
          members.add(all);
        } else {
          ObjectNode one = members.addObject();
          for (String f : memberFilter) {
            String key = f.equals("Account") ? "Member_Account" : f;
            if (all.has(key)) {
              one.set(key, all.get(key));
            }
          }
        }
      }
    }
    return out;
  }

  private ObjectNode baseInfo(Group g) {
    ObjectNode o = WireJson.mapper().createObjectNode();
    o.put("Type", g.type);
    o.put("Name", g.name);
    o.put("Appid", em.config.sdkAppId());
    o.put("Introduction", g.introduction == null ? "" : g.introduction);
    o.put("Notification", g.notification == null ? "" : g.notification);
    o.put("FaceUrl", g.faceUrl == null ? "" : g.faceUrl);
    o.put("Owner_Account", g.owner == null ? "" : g.owner);
    o.put("CreateTime", g.createTime);
    o.put("LastInfoTime", g.lastInfoTime);
    o.put("LastMsgTime", g.lastMsgTime);
    o.put("NextMsgSeq", g.nextMsgSeq);
    o.put("MemberNum", g.members.size());
    o.put("MaxMemberNum", g.maxMemberCount);
    o.put("ApplyJoinOption", g.applyJoinOption);
    o.put("MuteAllMember", g.muteAll ? "On" : "Off");
    if (g.appDefinedData != null) {
      o.set("AppDefinedData", g.appDefinedData);
    }
    return o;
  }

  private static ObjectNode memberInfo(Group.Member m) {
    ObjectNode o = WireJson.mapper().createObjectNode();
    o.put("Member_Account", m.account);
    o.put("Role", m.role);
    o.put("JoinTime", m.joinTime);
    o.put("MsgSeq", m.readSeq);
    o.put("MsgFlag", "AcceptAndNotify");
    o.put("LastSendMsgTime", m.lastSendTime);
    o.put("MuteUntil", m.muteUntil);
    return o;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** {@code forbid_send_msg}: mutes members for {@code MuteTime} seconds (0 unmutes). */
  private ObjectNode mute(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    List<String> accounts = b.stringList(10004, "Members_Account", "Member_Account");
    if (accounts.isEmpty() || accounts.size() > 500) {
      throw new ImException(10004, "Members_Account must hold 1 to 500 accounts");
    }
    long muteTime = b.longValue(10004, "MuteTime", "ShutUpTime");
    long until = muteTime <= 0 ? 0 : em.nowSeconds() + muteTime;
    em.groups.mutate(id, g -> {
      for (String a : accounts) {
        Group.Member m = g.members.get(a);
        if (m != null) {
          m.muteUntil = until;
        }
      }
      return null;
    });
    return WireJson.mapper().createObjectNode();
  }

  /** {@code get_group_muted_account}: members whose mute has not ended. */
  private ObjectNode mutedList(RestCall call) {
    String id = call.body().string(10004, "GroupId");
    Group g = em.groups.snapshot(id).orElseThrow(() -> new ImException(10010, "group not found"));
    long now = em.nowSeconds();
    ObjectNode out = WireJson.mapper().createObjectNode();
    ArrayNode list = out.putArray("ShuttedUinList");
    for (Group.Member m : g.members.values()) {
      if (m.muteUntil > now) {
        list.addObject().put("Member_Account", m.account).put("ShuttedUntil", m.muteUntil);
      }
    }
    return out;
  }

  /** {@code modify_group_base_info}: name, texts, face, limits, join option, mute-all. */
  private ObjectNode modifyBase(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    String name = b.optString("Name");
    if (name != null && (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 30)) {
      throw new ImException(10004, "Name must be 1 to 30 bytes");
    }
    String muteAll = b.optString("MuteAllMember", "ShutUpAllMember");
    if (muteAll != null && !muteAll.equals("On") && !muteAll.equals("Off")) {
      throw new ImException(10004, "MuteAllMember must be On or Off");
    }
    em.groups.mutate(id, g -> {
      if (name != null) {
        g.name = name;
      }
      if (b.has("Introduction")) {
        g.introduction = b.optString("Introduction");
      }
      if (b.has("Notification")) {
        g.notification = b.optString("Notification");
      }
      if (b.has("FaceUrl")) {
        g.faceUrl = b.optString("FaceUrl");
      }
      if (b.has("MaxMemberNum", "MaxMemberCount")) {
        g.maxMemberCount = b.optInt(10004, g.maxMemberCount, "MaxMemberNum", "MaxMemberCount");
      }
      if (b.has("ApplyJoinOption")) {
        g.applyJoinOption = b.optString("ApplyJoinOption");
      }
      if (muteAll != null) {
        g.muteAll = muteAll.equals("On");
      }
      g.lastInfoTime = em.nowSeconds();
      return null;
    });
    return WireJson.mapper().createObjectNode();
  }

  /** {@code get_group_member_info}: paged member list with roles and mute state. */
  private ObjectNode memberList(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    int limit = b.optInt(10004, 6000, "Limit");
    int offset = b.optInt(10004, 0, "Offset");
    Group g = em.groups.snapshot(id).orElseThrow(() -> new ImException(10010, "group not found"));
    if (g.isAvChatRoom()) {
      throw new ImException(10007, "AVChatRoom has no member list");
    }
    ObjectNode out = WireJson.mapper().createObjectNode();
    out.put("MemberNum", g.members.size());
    ArrayNode list = out.putArray("MemberList");
    g.members.values().stream().skip(Math.max(0, offset)).limit(Math.max(0, limit))
        .forEach(m -> list.add(memberInfo(m)));
    return out;
  }

  /** {@code change_group_owner}: the new owner must already be a member. */
  private ObjectNode changeOwner(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    String owner = b.string(10004, "NewOwner_Account");
    em.groups.mutate(id, g -> {
      Group.Member m = g.members.get(owner);
      if (m == null) {
        throw new ImException(10004, "the new owner is not a member");
      }
      Group.Member old = g.owner == null ? null : g.members.get(g.owner);
      if (old != null) {
        old.role = "Member";
      }
      m.role = "Owner";
      g.owner = owner;
      g.lastInfoTime = em.nowSeconds();
      return null;
    });
    return WireJson.mapper().createObjectNode();
  }

  /** {@code get_appid_group_list}: every group, paged by {@code Next} (an offset here). */
  private ObjectNode appGroups(RestCall call) {
    Body b = call.body();
    int limit = Math.max(1, Math.min(10000, b.optInt(10004, 10000, "Limit")));
    int next = Math.max(0, b.optInt(10004, 0, "Next"));
    String type = b.optString("GroupType");
    List<String> ids = em.groups.ids().stream()
        .filter(id -> type == null || em.groups.snapshot(id).map(g -> type.equals(g.type)).orElse(false))
        .toList();
    ObjectNode out = WireJson.mapper().createObjectNode();
    out.put("TotalCount", ids.size());
    ArrayNode list = out.putArray("GroupIdList");
    int end = Math.min(ids.size(), next + limit);
    for (int i = next; i < end; i++) {
      list.addObject().put("GroupId", ids.get(i));
    }
    out.put("Next", end >= ids.size() ? 0 : end);
    return out;
  }

  /**
   * {@code send_group_system_notification}: checked and accepted. Clients receive it through
   * {@code onReceiveRESTCustomData}, which the console does not show, so nothing is delivered.
   */
  private ObjectNode systemNotification(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    b.string(10004, "Content");
    if (b.stringList(10004, "ToMembers_Account").size() > 500) {
      throw new ImException(10004, "at most 500 ToMembers_Account");
    }
    if (!em.groups.exists(id)) {
      throw new ImException(10010, "group not found");
    }
    return WireJson.mapper().createObjectNode();
  }

  // --- messages --------------------------------------------------------------------------------

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
    Long random = b.optLong(10004, "Random", "MsgRandom");
    if (random == null) {
      throw new ImException(10004, "Random is missing");
    }
    List<MessageElem> body = em.mediaLinker.link(Messages.parseBody(b.get("MsgBody"), 10004, 10004, 10004));
    String ccd = b.optString("CloudCustomData");
    if (Messages.size(body, ccd) > Messages.MAX_BODY_BYTES) {
      throw new ImException(80002, "message is longer than 12 KB");
    }
    List<GroupAtInfo> at = new ArrayList<>();
    for (JsonNode n : b.array(10004, "GroupAtInfo")) {
      at.add(new GroupAtInfo(n.path("GroupAtAllFlag").asInt(0),
          n.hasNonNull("GroupAt_Account") ? n.get("GroupAt_Account").asText() : null));
    }
    List<String> forbid = b.stringList(10004, "ForbidCallbackControl");
    int onlineOnly = b.optInt(10004, 0, "OnlineOnlyFlag");
    Outcome o = send(id, from, call.identifier(), random, body, ccd, at, onlineOnly,
        forbid.contains("ForbidBeforeSendMsgCallback"), forbid.contains("ForbidAfterSendMsgCallback"),
        call.clientIp(), "RESTAPI", false);
    ObjectNode out = WireJson.mapper().createObjectNode();
    out.put("MsgTime", o.record().msgTime());
    out.put("MsgSeq", o.record().msgSeq());
    if (o.dropReason() != null) {
      out.put("MsgDropReason", o.dropReason());
    }
    return out;
  }

  /** Sends a group message through membership/mute checks, dedupe, rate limit and callbacks. */
  public Outcome send(String groupId, String from, String operator, long random, List<MessageElem> body,
      String ccd, List<GroupAtInfo> at, int onlineOnly, boolean forbidBefore, boolean forbidAfter,
      String clientIp, String platform, boolean clientPath) {
    if (!em.accounts.exists(from)) {
      throw new ImException(10019, "From_Account does not exist");
    }
    // Read only what the send needs: copying the group would copy its whole history.
    SendContext snap = em.groups.mutate(groupId, g -> {
      Group.Member m = g.members.get(from);
      boolean silencedByAll = g.muteAll && m != null && "Member".equals(m.role);
      return new SendContext(g.type, g.isAvChatRoom(), m != null,
          silencedByAll ? Long.MAX_VALUE : (m == null ? 0 : m.muteUntil), List.copyOf(g.members.keySet()));
    });
    boolean admin = from.equals(em.config.admin()) && !clientPath;
    if (!admin && !snap.member() && !snap.avChatRoom()) {
      throw new ImException(10007, "the sender is not a member of the group");
    }
    long now = em.nowSeconds();
    if (snap.muteUntil() > now) {
      throw new ImException(10017, "the sender is muted in this group");
    }
    long nowNanos = em.clock.nanoTime();
    String dedupeKey = from + "|" + random + "|" + Messages.crc(body);
    GroupRecord dup = em.groups.mutate(groupId, g -> g.remembered(dedupeKey, nowNanos));
    if (dup != null) {
      return new Outcome(dup, null, true);
    }
    if (!em.limiter.tryAcquire("group:" + groupId, em.config.groupMessagesPerSecond())) {
      if (em.config.groupRateLimitAsError()) {
        throw new ImException(10023, "group message rate limit exceeded");
      }
      // The documented alternative: "success", but the message is dropped by rate control.
      GroupRecord dropped = em.groups.mutate(groupId, g ->
          new GroupRecord(groupId, g.nextMsgSeq++, from, random, now, body, ccd, at, false));
      return new Outcome(dropped, "MsgFreqCtrl", false);
    }
    List<MessageElem> finalBody = body;
    String finalCcd = ccd;
    if (!forbidBefore) {
      GroupMessageCallback before = new GroupMessageCallback(CallbackCommand.GROUP_BEFORE_SEND_MSG,
          groupId, snap.type(), from, operator, random, 0, 0, onlineOnly, body, ccd, null,
          at.isEmpty() ? null : at, null, em.eventTime());
      ObjectNode payload = WireJson.mapper().valueToTree(before);
      // No MsgSeq/MsgTime yet: they are assigned after the callback allows the message.
      payload.remove("MsgSeq");
      payload.remove("MsgTime");
      BeforeAnswer a = em.callbacks.before(CallbackCommand.GROUP_BEFORE_SEND_MSG, payload, clientIp,
          platform, 10100, 10200);
      switch (a.verdict()) {
        case REJECT -> throw a.errorCode() == 1
            ? new ImException(10016, "message rejected by the before-send callback")
            : new ImException(a.errorCode(), a.errorInfo());
        case DROP -> {
          GroupRecord silent = new GroupRecord(groupId, 0, from, random, now, body, ccd, at, false);
          return new Outcome(silent, null, false);
        }
        case ALLOW -> {
          if (a.msgBody() != null) {
            finalBody = MessageJson.readBody(a.msgBody());
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
      GroupRecord r = new GroupRecord(groupId, g.nextMsgSeq++, from, random, now, b0, c0, at, false);
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
      em.callbacks.after(lane, CallbackCommand.GROUP_AFTER_SEND_MSG,
          new GroupMessageCallback(CallbackCommand.GROUP_AFTER_SEND_MSG, groupId, snap.type(), from,
              operator, random, record.msgSeq(), record.msgTime(), onlineOnly, record.body(),
              record.cloudCustomData(), null, at.isEmpty() ? null : at, null, em.eventTime()),
          clientIp, platform);
    }
    Set<String> robots = new LinkedHashSet<>();
    for (GroupAtInfo a : at) {
      // Only a robot that is in the group hears its name.
      if (!a.atAll() && a.groupAtAccount() != null && em.accounts.isActiveRobot(a.groupAtAccount())
          && snap.members().contains(a.groupAtAccount())) {
        robots.add(a.groupAtAccount());
      }
    }
    if (!robots.isEmpty()) {
      em.callbacks.after(lane, CallbackCommand.BOT_ON_GROUP_MESSAGE,
          new GroupMessageCallback(CallbackCommand.BOT_ON_GROUP_MESSAGE, groupId, snap.type(), from,
              operator, random, record.msgSeq(), record.msgTime(), onlineOnly, record.body(),
              record.cloudCustomData(), null, null, List.copyOf(robots), em.eventTime()),
          clientIp, platform);
    }
    return new Outcome(record, null, false);
  }

  private ObjectNode recall(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    List<JsonNode> seqs = b.array(10004, "MsgSeqList");
    if (seqs.isEmpty() || seqs.size() > 10) {
      throw new ImException(10004, "MsgSeqList must hold 1 to 10 items");
    }
    List<Long> list = seqs.stream().map(n -> n.isObject() ? n.path("MsgSeq").asLong(-1) : n.asLong(-1)).toList();
    ObjectNode out = WireJson.mapper().createObjectNode();
    out.set("RecallRetList", recall(id, list, call.identifier(), call.clientIp(), "RESTAPI"));
    return out;
  }

  /** Recalls messages by sequence; one {@code {MsgSeq, RetCode}} per sequence. */
  public ArrayNode recall(String id, List<Long> seqs, String operator, String clientIp, String platform) {
    ArrayNode ret = WireJson.mapper().createArrayNode();
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
      em.callbacks.after("group:" + id, CallbackCommand.GROUP_AFTER_RECALL_MSG,
          new GroupRecallCallback(CallbackCommand.GROUP_AFTER_RECALL_MSG, operator, type, id,
              recalled.stream().map(r -> new GroupRecallCallback.SeqItem(r.msgSeq())).toList(), null,
              em.eventTime()),
          clientIp, platform);
    }
    return ret;
  }

  private ObjectNode getSimple(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    Group g = em.groups.snapshot(id).orElseThrow(() -> new ImException(10010, "group not found"));
    if (g.isAvChatRoom()) {
      throw new ImException(10007, "AVChatRoom has no history");
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
    ObjectNode out = WireJson.mapper().createObjectNode();
    out.put("GroupId", id);
    long oldest = picked.isEmpty() ? 0 : picked.get(picked.size() - 1).msgSeq();
    boolean more = all.stream().anyMatch(r -> r.msgSeq() < oldest);
    out.put("IsFinished", more ? 0 : 1);
    ArrayNode list = out.putArray("RspMsgList");
    for (GroupRecord r : picked) {
      ObjectNode item = list.addObject();
      item.put("From_Account", r.from());
      item.put("IsPlaceMsg", r.recalled() ? 2 : 0);
      item.set("MsgBody", r.recalled() ? WireJson.mapper().createArrayNode() : MessageJson.writeBody(r.body()));
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
