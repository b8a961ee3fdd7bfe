package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.RelationStore;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/** Friends and blacklists ({@code sns/*}). */
public final class SnsService {
  private static final String SVC = "sns";
  private static final int MAX_ITEMS = 1000;
  private final Emulator em;

  public SnsService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "friend_add", this::friendAdd)
        .add(SVC, "friend_import", this::friendImport)
        .add(SVC, "friend_delete", this::friendDelete)
        .add(SVC, "friend_get", this::friendGet)
        .add(SVC, "friend_check", this::friendCheck)
        .add(SVC, "black_list_add", this::blackAdd)
        .add(SVC, "black_list_delete", this::blackDelete)
        .add(SVC, "black_list_get", this::blackGet)
        .add(SVC, "black_list_check", this::blackCheck);
  }

  private String from(Body b) {
    String from = b.string(30001, "From_Account");
    if (!em.accounts.exists(from)) {
      throw new ImError(30003, "From_Account does not exist");
    }
    return from;
  }

  private List<String> targets(Body b) {
    List<String> to = b.stringList(30001, "To_Account");
    if (to.isEmpty() || to.size() > MAX_ITEMS) {
      throw new ImError(30001, "To_Account must hold 1 to 1000 accounts");
    }
    return to;
  }

  private static ObjectNode result(ArrayNode items, String account, int code, String info) {
    return items.addObject().put("To_Account", account).put("ResultCode", code).put("ResultInfo", info);
  }

  private ObjectNode friendAdd(RestCall call) {
    Body b = call.body();
    String from = from(b);
    List<JsonNode> items = b.array(30001, "AddFriendItem");
    if (items.isEmpty()) {
      throw new ImError(30001, "AddFriendItem is empty");
    }
    boolean both = !"Add_Type_Single".equals(b.optString("AddType"));
    boolean force = b.optInt(30001, 0, "ForceAddFlags") == 1;
    long now = em.nowSeconds();
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode results = out.putArray("ResultItem");
    List<String> failed = new ArrayList<>();
    List<Payloads.Pair> pairs = new ArrayList<>();
    for (JsonNode item : items) {
      String to = item.path("To_Account").asText("");
      String source = item.path("AddSource").asText("");
      int code;
      String info = "";
      if (!source.matches("AddSource_Type_[A-Za-z]{1,8}")) {
        code = 30001;
        info = "Err_SNS_FriendAdd_AddSource_Invalid";
      } else if (!em.accounts.exists(to)) {
        code = 30003;
        info = "Err_SNS_FriendAdd_Account_Not_Exist";
      } else if (em.relations.isBlocked(from, to)) {
        code = 30515;
        info = "Err_SNS_FriendAdd_Peer_In_Your_BlackList";
      } else if (em.relations.isBlocked(to, from)) {
        code = 30525;
        info = "Err_SNS_FriendAdd_You_In_Peer_BlackList";
      } else if (em.relations.isFriend(from, to)) {
        // Already a friend: the service answers success again.
        code = 0;
      } else {
        String allow = em.profiles.get(to).getOrDefault("Tag_Profile_IM_AllowType",
            TextNode.valueOf("AllowType_Type_NeedConfirm")).asText();
        if (!force && "AllowType_Type_DenyAny".equals(allow)) {
          code = 30516;
          info = "Err_SNS_FriendAdd_Peer_Deny_All";
        } else if (!force && "AllowType_Type_NeedConfirm".equals(allow)) {
          code = 30539;
          info = "Err_SNS_FriendAdd_Need_Confirm";
        } else {
          RelationStore.Friend f = new RelationStore.Friend(to, item.path("Remark").asText(null),
              item.path("GroupName").asText(null), source, now);
          em.relations.addFriend(from, f);
          if (both) {
            em.relations.addFriend(to, new RelationStore.Friend(from, null, null, source, now));
          }
          pairs.add(new Payloads.Pair(from, to, from));
          code = 0;
        }
      }
      result(results, to, code, info);
      if (code != 0) {
        failed.add(to);
      }
    }
    Messages.failAccounts(out, failed);
    if (!pairs.isEmpty()) {
      em.callbacks.after("sns:" + from, Commands.SNS_FRIEND_ADD,
          Payloads.friend(Commands.SNS_FRIEND_ADD, pairs, "friend_add", call.identifier(),
              force ? 1 : 0, em.eventTime()),
          call.clientIp(), "RESTAPI");
    }
    return out;
  }

  /** {@code friend_import}: one-way, no confirmation and no callbacks (documented). */
  private ObjectNode friendImport(RestCall call) {
    Body b = call.body();
    String from = from(b);
    List<JsonNode> items = b.array(30001, "AddFriendItem");
    if (items.isEmpty() || items.size() > 100) {
      throw new ImError(30001, "AddFriendItem must hold 1 to 100 items");
    }
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode results = out.putArray("ResultItem");
    List<String> failed = new ArrayList<>();
    for (JsonNode item : items) {
      String to = item.path("To_Account").asText("");
      if (!em.accounts.exists(to)) {
        result(results, to, 30003, "Err_SNS_FriendImport_Account_Not_Exist");
        failed.add(to);
        continue;
      }
      JsonNode group = item.get("GroupName");
      String groupName = group == null ? null : group.isArray() ? group.path(0).asText(null) : group.asText(null);
      long addTime = item.path("AddTime").asLong(em.nowSeconds());
      em.relations.addFriend(from, new RelationStore.Friend(to, item.path("Remark").asText(null), groupName,
          item.path("AddSource").asText("AddSource_Type_Import"), addTime));
      result(results, to, 0, "");
    }
    Messages.failAccounts(out, failed);
    return out;
  }

  private ObjectNode friendDelete(RestCall call) {
    Body b = call.body();
    String from = from(b);
    List<String> to = targets(b);
    boolean both = !"Delete_Type_Single".equals(b.optString("DeleteType"));
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode results = out.putArray("ResultItem");
    List<Payloads.Pair> pairs = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String t : to) {
      if (em.relations.removeFriend(from, t)) {
        if (both) {
          em.relations.removeFriend(t, from);
        }
        pairs.add(new Payloads.Pair(from, t, null));
        result(results, t, 0, "");
      } else {
        result(results, t, 31704, "Err_SNS_FriendDelete_Not_Friend");
        failed.add(t);
      }
    }
    Messages.failAccounts(out, failed);
    if (!pairs.isEmpty()) {
      em.callbacks.after("sns:" + from, Commands.SNS_FRIEND_DELETE,
          Payloads.friend(Commands.SNS_FRIEND_DELETE, pairs, "friend_delete",
              call.identifier(), null, em.eventTime()),
          call.clientIp(), "RESTAPI");
    }
    return out;
  }

  private ObjectNode friendGet(RestCall call) {
    Body b = call.body();
    String from = from(b);
    int start = b.optInt(30001, 0, "StartIndex");
    int pageSize = 100;
    List<RelationStore.Friend> all = em.relations.friends(from);
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode items = out.putArray("UserDataItem");
    int end = Math.min(all.size(), Math.max(0, start) + pageSize);
    for (int i = Math.max(0, start); i < end; i++) {
      RelationStore.Friend f = all.get(i);
      ObjectNode item = items.addObject();
      item.put("To_Account", f.account());
      ArrayNode values = item.putArray("ValueItem");
      values.addObject().put("Tag", "Tag_SNS_IM_AddSource").put("Value", f.addSource());
      if (f.remark() != null) {
        values.addObject().put("Tag", "Tag_SNS_IM_Remark").put("Value", f.remark());
      }
      if (f.groupName() != null) {
        ObjectNode g = values.addObject().put("Tag", "Tag_SNS_IM_Group");
        g.putArray("Value").add(f.groupName());
      }
      values.addObject().put("Tag", "Tag_SNS_IM_AddTime").put("Value", f.addTime());
    }
    out.put("StandardSequence", em.relations.friendSequence(from));
    out.put("CustomSequence", 0);
    out.put("FriendNum", all.size());
    out.put("CompleteFlag", end >= all.size() ? 1 : 0);
    out.put("NextStartIndex", end >= all.size() ? 0 : end);
    return out;
  }

  private ObjectNode friendCheck(RestCall call) {
    return check(call, "InfoItem", "CheckResult_Type_", "NoRelation", em.relations::isFriend);
  }

  private ObjectNode blackAdd(RestCall call) {
    Body b = call.body();
    String from = from(b);
    long now = em.nowSeconds();
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode results = out.putArray("ResultItem");
    List<String> failed = new ArrayList<>();
    List<Payloads.Pair> pairs = new ArrayList<>();
    for (String t : targets(b)) {
      if (!em.accounts.exists(t)) {
        result(results, t, 30003, "Err_SNS_BlackListAdd_Account_Not_Exist");
        failed.add(t);
      } else if (!em.relations.block(from, t, now)) {
        result(results, t, 30001, "Err_SNS_BlackListAdd_Already_Exist");
        failed.add(t);
      } else {
        result(results, t, 0, "");
        pairs.add(new Payloads.Pair(from, t, null));
      }
    }
    Messages.failAccounts(out, failed);
    if (!pairs.isEmpty()) {
      em.callbacks.after("sns:" + from, Commands.SNS_BLACKLIST_ADD,
          Payloads.blacklist(Commands.SNS_BLACKLIST_ADD, pairs, em.eventTime()),
          call.clientIp(), "RESTAPI");
    }
    return out;
  }

  private ObjectNode blackDelete(RestCall call) {
    Body b = call.body();
    String from = from(b);
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode results = out.putArray("ResultItem");
    List<String> failed = new ArrayList<>();
    List<Payloads.Pair> pairs = new ArrayList<>();
    for (String t : targets(b)) {
      if (em.relations.unblock(from, t)) {
        result(results, t, 0, "");
        pairs.add(new Payloads.Pair(from, t, null));
      } else {
        result(results, t, 30001, "Err_SNS_BlackListDelete_Not_Exist");
        failed.add(t);
      }
    }
    Messages.failAccounts(out, failed);
    if (!pairs.isEmpty()) {
      em.callbacks.after("sns:" + from, Commands.SNS_BLACKLIST_DELETE,
          Payloads.blacklist(Commands.SNS_BLACKLIST_DELETE, pairs, em.eventTime()),
          call.clientIp(), "RESTAPI");
    }
    return out;
  }

  private ObjectNode blackGet(RestCall call) {
    Body b = call.body();
    String from = from(b);
    int start = Math.max(0, b.optInt(30001, 0, "StartIndex"));
    int max = b.optInt(30001, 30, "MaxLimited");
    max = max <= 0 ? 30 : max;
    List<RelationStore.Blocked> all = em.relations.blacklist(from);
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode items = out.putArray("BlackListItem");
    int end = Math.min(all.size(), start + max);
    for (int i = start; i < end; i++) {
      items.addObject().put("To_Account", all.get(i).account()).put("AddBlackTimeStamp", all.get(i).addTime());
    }
    // 0 = finished; otherwise where the next page starts.
    out.put("StartIndex", end >= all.size() ? 0 : end);
    // Sic: the service spells it this way.
    out.put("CurruentSequence", em.relations.blacklistSequence(from));
    return out;
  }

  private ObjectNode blackCheck(RestCall call) {
    return check(call, "BlackListCheckItem", "BlackCheckResult_Type_", "NO", em.relations::isBlocked);
  }

  /**
   * {@code friend_check} and {@code black_list_check}: the same answer over a different relation.
   * {@code <prefix>Single} asks one direction only.
   */
  private ObjectNode check(RestCall call, String array, String prefix, String none,
      BiPredicate<String, String> related) {
    Body b = call.body();
    String from = from(b);
    boolean single = (prefix + "Single").equals(b.optString("CheckType"));
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode items = out.putArray(array);
    for (String t : targets(b)) {
      boolean ab = related.test(from, t);
      boolean ba = !single && related.test(t, from);
      String rel = ab && ba ? "BothWay" : ab ? "AWithB" : ba ? "BWithA" : none;
      items.addObject().put("To_Account", t).put("Relation", prefix + rel).put("ResultCode", 0).put("ResultInfo", "");
    }
    return out;
  }
}
