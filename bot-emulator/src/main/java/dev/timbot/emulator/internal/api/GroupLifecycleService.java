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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A group's own life: create, info, base-info changes, owner change and destroy; plus the
 * app-wide group list and system notifications. Membership is {@link GroupMemberService}'s.
 */
public final class GroupLifecycleService {
  static final String SVC = "group_open_http_svc";
  private static final Set<String> TYPES =
      Set.of("Private", "Work", "Public", "ChatRoom", "Meeting", "AVChatRoom", "Community");
  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Emulator em;

  public GroupLifecycleService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "create_group", this::create)
        .add(SVC, "destroy_group", this::destroy)
        .add(SVC, "get_group_info", this::info)
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

  private ObjectNode info(RestCall call) {
    Body b = call.body();
    List<String> ids = b.stringList(10004, "GroupIdList");
    if (ids.isEmpty() || ids.size() > 50) {
      throw new ImError(10004, "GroupIdList must hold 1 to 50 IDs");
    }
    JsonNode filter = b.get("ResponseFilter");
    List<String> baseFilter = GroupViews.texts(filter == null ? null : filter.get("GroupBaseInfoFilter"));
    List<String> memberFilter = GroupViews.texts(filter == null ? null : filter.get("MemberInfoFilter"));
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
      ObjectNode base = GroupViews.baseInfo(g, em.config.sdkAppId());
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
        ObjectNode all = GroupViews.memberInfo(m);
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
}
