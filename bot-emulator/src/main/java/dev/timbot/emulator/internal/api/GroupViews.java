package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.internal.store.Group;
import dev.timbot.emulator.internal.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON a group and a member read as in the group REST answers ({@code get_group_info},
 * {@code get_joined_group_list}, {@code get_group_member_info}): every field, in the documented
 * order; each API then keeps what its {@code ResponseFilter} asks for.
 */
final class GroupViews {
  private GroupViews() {}

  /** The group's base info ({@code GroupBaseInfoFilter} picks from these). */
  static ObjectNode baseInfo(Group g, long sdkAppId) {
    ObjectNode o = Wire.mapper().createObjectNode();
    o.put("Type", g.type);
    o.put("Name", g.name);
    o.put("Appid", sdkAppId);
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

  /** One member's info ({@code MemberInfoFilter} / {@code SelfInfoFilter} pick from these). */
  static ObjectNode memberInfo(Group.Member m) {
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

  /** The texts of a filter array; empty when it is absent or not an array. */
  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
