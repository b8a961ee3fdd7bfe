package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.Group;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Group management: create, members, joined list, info, muting, owner, app-wide list. */
public final class GroupAdminService {
  static final String SVC = "group_open_http_svc";
  private static final Set<String> TYPES =
      Set.of("Private", "Work", "Public", "ChatRoom", "Meeting", "AVChatRoom", "Community");
  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Emulator em;

  public GroupAdminService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "create_group", this::create)
        .add(SVC, "destroy_group", this::destroy)
        .add(SVC, "add_group_member", this::addMembers)
        .add(SVC, "delete_group_member", this::deleteMembers)
        .add(SVC, "get_joined_group_list", this::joined)
        .add(SVC, "get_group_info", this::info)
        .add(SVC, "get_group_member_info", this::memberList)
        .add(SVC, "forbid_send_msg", this::mute)
        .add(SVC, "get_group_muted_account", this::mutedList)
        .add(SVC, "modify_group_base_info", this::modifyBase)
        .add(SVC, "change_group_owner", this::changeOwner)
        .add(SVC, "get_appid_group_list", this::appGroups)
        .add(SVC, "send_group_system_notification", this::systemNotification);
  }

  private ObjectNode create(RestCall call) {
    Body b = call.body();
    String type = b.string(10004, "Type");
    if (!TYPES.contains(type)) {
      throw new ImError(10004, "unknown group Type");
    }
    String name = b.string(10004, "Name");
    if (name.getBytes(StandardCharsets.UTF_8).length > 30) {
      throw new ImError(10004, "Name is longer than 30 bytes");
    }
    String owner = b.optString("Owner_Account");
    if (owner != null && !em.accounts.exists(owner)) {
      throw new ImError(10019, "Owner_Account does not exist");
    }
    String id = b.optString("GroupId");
    if (id != null) {
      if (id.startsWith("@TGS#") || id.getBytes(StandardCharsets.UTF_8).length > 48
          || !id.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
        throw new ImError(10004, "custom GroupId must be printable ASCII, ≤ 48 bytes, not @TGS#…");
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
      throw new ImError(10005, "MemberList holds more than 100 members");
    }
    if (!members.isEmpty() && "AVChatRoom".equals(type)) {
      throw new ImError(10007, "AVChatRoom cannot be created with members");
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
      live.maxMemberCount = b.optInt(10004, 2000, "MaxMemberCount");
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
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("GroupId", g.groupId);
    return out;
  }

  private ObjectNode destroy(RestCall call) {
    String id = call.body().string(10004, "GroupId");
    if (!em.groups.destroy(id)) {
      throw new ImError(10010, "group not found");
    }
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode addMembers(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    List<JsonNode> list = b.array(10004, "MemberList");
    if (list.isEmpty()) {
      throw new ImError(10004, "MemberList is empty");
    }
    if (list.size() > 300) {
      throw new ImError(10005, "more than 300 members in one request");
    }
    long now = em.nowSeconds();
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode results = out.putArray("MemberList");
    List<String> added = new ArrayList<>();
    String type = em.groups.mutate(id, g -> {
      if (g.isAvChatRoom()) {
        throw new ImError(10007, "AVChatRoom members cannot be added");
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
          added.add(acc);
          result = 1;
        }
        results.addObject().put("Member_Account", acc).put("Result", result);
      }
      return g.type;
    });
    if (!added.isEmpty()) {
      em.callbacks.after("group:" + id, Commands.GROUP_AFTER_NEW_MEMBER_JOIN,
          Payloads.memberJoin(id, type, "Invited",
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
      throw new ImError(10005, "more than 100 members in one request");
    }
    List<String> removed = new ArrayList<>();
    String type = em.groups.mutate(id, g -> {
      if (g.isAvChatRoom()) {
        throw new ImError(10004, "AVChatRoom members cannot be deleted");
      }
      for (String acc : accounts) {
        if (g.members.remove(acc) != null) {
          removed.add(acc);
        }
      }
      return g.type;
    });
    if (!removed.isEmpty()) {
      em.callbacks.after("group:" + id, Commands.GROUP_AFTER_MEMBER_EXIT,
          Payloads.memberExit(id, type, "Kicked",
              call.identifier(), removed, em.eventTime()),
          call.clientIp(), "RESTAPI");
    }
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode joined(RestCall call) {
    Body b = call.body();
    String acc = b.string(10004, "Member_Account");
    if (!em.accounts.exists(acc)) {
      throw new ImError(10019, "Member_Account does not exist");
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
    ObjectNode out = Wire.mapper().createObjectNode();
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
      throw new ImError(10004, "GroupIdList must hold 1 to 50 IDs");
    }
    JsonNode filter = b.get("ResponseFilter");
    List<String> baseFilter = texts(filter == null ? null : filter.get("GroupBaseInfoFilter"));
    List<String> memberFilter = texts(filter == null ? null : filter.get("MemberInfoFilter"));
    ObjectNode out = Wire.mapper().createObjectNode();
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
    ObjectNode o = Wire.mapper().createObjectNode();
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
    ObjectNode o = Wire.mapper().createObjectNode();
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
    List<String> accounts = b.stringList(10004, "Members_Account");
    if (accounts.isEmpty() || accounts.size() > 500) {
      throw new ImError(10004, "Members_Account must hold 1 to 500 accounts");
    }
    long muteTime = b.longValue(10004, "MuteTime");
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
    return Wire.mapper().createObjectNode();
  }

  /** {@code get_group_muted_account}: members whose mute has not ended. */
  private ObjectNode mutedList(RestCall call) {
    String id = call.body().string(10004, "GroupId");
    Group g = em.groups.snapshot(id).orElseThrow(() -> new ImError(10010, "group not found"));
    long now = em.nowSeconds();
    ObjectNode out = Wire.mapper().createObjectNode();
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
      throw new ImError(10004, "Name must be 1 to 30 bytes");
    }
    String muteAll = b.optString("MuteAllMember");
    if (muteAll != null && !muteAll.equals("On") && !muteAll.equals("Off")) {
      throw new ImError(10004, "MuteAllMember must be On or Off");
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
      if (b.has("MaxMemberNum")) {
        g.maxMemberCount = b.optInt(10004, g.maxMemberCount, "MaxMemberNum");
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
    return Wire.mapper().createObjectNode();
  }

  /** {@code get_group_member_info}: paged member list with roles and mute state. */
  private ObjectNode memberList(RestCall call) {
    Body b = call.body();
    String id = b.string(10004, "GroupId");
    int limit = b.optInt(10004, 6000, "Limit");
    int offset = b.optInt(10004, 0, "Offset");
    Group g = em.groups.snapshot(id).orElseThrow(() -> new ImError(10010, "group not found"));
    if (g.isAvChatRoom()) {
      throw new ImError(10007, "AVChatRoom has no member list");
    }
    ObjectNode out = Wire.mapper().createObjectNode();
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
        throw new ImError(10004, "the new owner is not a member");
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
    return Wire.mapper().createObjectNode();
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
    ObjectNode out = Wire.mapper().createObjectNode();
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
      throw new ImError(10004, "at most 500 ToMembers_Account");
    }
    if (!em.groups.exists(id)) {
      throw new ImError(10010, "group not found");
    }
    return Wire.mapper().createObjectNode();
  }

  // --- client side -------------------------------------------------------------------------------

  /**
   * A user joins by application. Only {@code FreeAccess} groups (and AVChatRoom) admit directly;
   * approval flows are not modelled, so the others refuse with 10007. Fires {@code
   * Group.CallbackAfterNewMemberJoin} with {@code JoinType: Apply}.
   */
  public void join(String groupId, String user, String clientIp, String platform) {
    String type = em.groups.mutate(groupId, g -> {
      if (!"FreeAccess".equals(g.applyJoinOption) && !g.isAvChatRoom()) {
        throw new ImError(10007, "the group does not admit members without approval");
      }
      if (g.members.size() >= g.maxMemberCount) {
        throw new ImError(10014, "the group is full");
      }
      if (!g.addMember(user, "Member", em.nowSeconds())) {
        throw new ImError(10013, "already a member of the group");
      }
      return g.type;
    });
    em.callbacks.after("group:" + groupId, Commands.GROUP_AFTER_NEW_MEMBER_JOIN,
        Payloads.memberJoin(groupId, type, "Apply", user,
            List.of(user), em.eventTime()),
        clientIp, platform);
  }

  /** A user leaves ({@code ExitType: Quit}); the owner cannot (10009, as in the service). */
  public void quit(String groupId, String user, String clientIp, String platform) {
    String type = em.groups.mutate(groupId, g -> {
      if (user.equals(g.owner) && !g.isAvChatRoom()) {
        throw new ImError(10009, "the owner cannot quit the group");
      }
      if (g.members.remove(user) == null) {
        throw new ImError(10007, "not a member of the group");
      }
      return g.type;
    });
    em.callbacks.after("group:" + groupId, Commands.GROUP_AFTER_MEMBER_EXIT,
        Payloads.memberExit(groupId, type, "Quit", user,
            List.of(user), em.eventTime()),
        clientIp, platform);
  }
}
