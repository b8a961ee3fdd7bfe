package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.Group;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import dev.timbot.emulator.internal.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * Group membership: adding and removing members, the joined-group and member lists, muting, and
 * a console user's own join and quit. Each change of members fires the member join / exit
 * after-callback.
 */
public final class GroupMemberService {
  static final String SVC = GroupLifecycleService.SVC;

  private final Emulator em;

  public GroupMemberService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "add_group_member", this::addMembers)
        .add(SVC, "delete_group_member", this::deleteMembers)
        .add(SVC, "get_joined_group_list", this::joined)
        .add(SVC, "get_group_member_info", this::memberList)
        .add(SVC, "forbid_send_msg", this::mute)
        .add(SVC, "get_group_muted_account", this::mutedList);
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
      afterJoin(id, type, "Invited", call.identifier(), added, call.clientIp(), "RESTAPI");
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
      afterExit(id, type, "Kicked", call.identifier(), removed, call.clientIp(), "RESTAPI");
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
    List<String> baseFilter = GroupViews.texts(filter == null ? null : filter.get("GroupBaseInfoFilter"));
    List<String> selfFilter = GroupViews.texts(filter == null ? null : filter.get("SelfInfoFilter"));
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
      ObjectNode base = GroupViews.baseInfo(g, em.config.sdkAppId());
      for (String f : baseFilter) {
        if (base.has(f)) {
          item.set(f, base.get(f));
        }
      }
      if (!selfFilter.isEmpty()) {
        Group.Member m = g.members.get(acc);
        ObjectNode self = item.putObject("SelfInfo");
        ObjectNode all = GroupViews.memberInfo(m);
        for (String f : selfFilter) {
          if (all.has(f)) {
            self.set(f, all.get(f));
          }
        }
      }
    });
    return out;
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
        .forEach(m -> list.add(GroupViews.memberInfo(m)));
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
    afterJoin(groupId, type, "Apply", user, List.of(user), clientIp, platform);
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
    afterExit(groupId, type, "Quit", user, List.of(user), clientIp, platform);
  }

  /** {@code Group.CallbackAfterNewMemberJoin}, in the group's callback lane. */
  private void afterJoin(String groupId, String type, String joinType, String operator,
      List<String> joined, String clientIp, String platform) {
    em.callbacks.after("group:" + groupId, Commands.GROUP_AFTER_NEW_MEMBER_JOIN,
        Payloads.memberJoin(groupId, type, joinType, operator, joined, em.eventTime()),
        clientIp, platform);
  }

  /** {@code Group.CallbackAfterMemberExit}, in the group's callback lane. */
  private void afterExit(String groupId, String type, String exitType, String operator,
      List<String> exited, String clientIp, String platform) {
    em.callbacks.after("group:" + groupId, Commands.GROUP_AFTER_MEMBER_EXIT,
        Payloads.memberExit(groupId, type, exitType, operator, exited, em.eventTime()),
        clientIp, platform);
  }
}
