package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.AccountStore;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Accounts, robots, kick and online status. */
public final class AccountService {
  private static final int MAX_ID_BYTES = 32;
  private final Emulator em;

  public AccountService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    String login = "im_open_login_svc";
    r.add(login, "account_import", this::accountImport)
        .add(login, "multiaccount_import", this::multiImport)
        .add(login, "account_check", this::check)
        .add(login, "account_delete", this::delete)
        .add(login, "kick", this::kick)
        .add("openim", "query_online_status", c -> onlineStatus(c, "Status"))
        .add("openim", "querystate", c -> onlineStatus(c, "State"));
    String robot = "openim_robot_http_svc";
    r.add(robot, "create_robot", this::createRobot)
        .add(robot, "delete_robot", this::deleteRobot)
        .add(robot, "get_all_robots", this::allRobots);
  }

  private static String checkId(String id, int code) {
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw new ImError(code, "UserID is longer than 32 bytes");
    }
    return id;
  }

  private ObjectNode accountImport(RestCall call) {
    Body b = call.body();
    String id = checkId(b.string(70402, "UserID"), 70402);
    em.accounts.importAccount(id, em.nowSeconds());
    setProfile(id, "Tag_Profile_IM_Nick", b.optString("Nick"));
    setProfile(id, "Tag_Profile_IM_Image", b.optString("FaceUrl"));
    return Wire.mapper().createObjectNode();
  }

  private void setProfile(String id, String tag, String value) {
    if (value != null) {
      if (value.getBytes(StandardCharsets.UTF_8).length > 500) {
        throw new ImError(40601, tag + " is longer than 500 bytes");
      }
      em.profiles.set(id, tag, TextNode.valueOf(value));
    }
  }

  /**
   * Two documented request forms: {@code Accounts: ["id", …]} and the newer
   * {@code AccountList: [{UserID, Nick, FaceUrl}, …]} (one of them, 1 to 100 items).
   */
  private ObjectNode multiImport(RestCall call) {
    Body b = call.body();
    boolean listForm = b.has("AccountList");
    if (listForm == b.has("Accounts")) {
      throw new ImError(70402, "exactly one of Accounts and AccountList is required");
    }
    List<JsonNode> items = listForm ? b.array(70402, "AccountList") : List.of();
    List<String> ids = listForm
        ? items.stream().map(n -> n.isObject() && n.path("UserID").isTextual() ? n.get("UserID").asText() : null).toList()
        : b.stringList(70402, "Accounts");
    if (ids.isEmpty() || ids.size() > 100) {
      throw new ImError(70402, (listForm ? "AccountList" : "Accounts") + " must hold 1 to 100 accounts");
    }
    if (ids.contains(null)) {
      throw new ImError(70402, "every AccountList item needs a UserID string");
    }
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode failed = out.putArray("FailAccounts");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
        failed.add(id);
        continue;
      }
      em.accounts.importAccount(id, em.nowSeconds());
      if (listForm) {
        Body item = new Body((ObjectNode) items.get(i));
        setProfile(id, "Tag_Profile_IM_Nick", item.optString("Nick"));
        setProfile(id, "Tag_Profile_IM_Image", item.optString("FaceUrl"));
      }
    }
    return out;
  }

  private List<String> items(Body b, String field) {
    List<JsonNode> items = b.array(70402, field);
    if (items.isEmpty() || items.size() > 100) {
      throw new ImError(70402, field + " must hold 1 to 100 items");
    }
    for (JsonNode n : items) {
      if (!n.isObject() || !n.path("UserID").isTextual()) {
        throw new ImError(70402, field + " items must be {\"UserID\": string}");
      }
    }
    return items.stream().map(n -> n.get("UserID").asText()).toList();
  }

  private ObjectNode check(RestCall call) {
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode result = out.putArray("ResultItem");
    for (String id : items(call.body(), "CheckItem")) {
      ObjectNode item = result.addObject();
      item.put("UserID", id);
      item.put("ResultCode", 0);
      item.put("ResultInfo", "");
      item.put("AccountStatus", em.accounts.exists(id) ? "Imported" : "NotImported");
    }
    return out;
  }

  private ObjectNode delete(RestCall call) {
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode result = out.putArray("ResultItem");
    for (String id : items(call.body(), "DeleteItem")) {
      ObjectNode item = result.addObject();
      // The emulator behaves like a trial app: deletion is allowed. The admin is kept.
      if (!id.equals(em.config.admin()) && em.accounts.delete(id)) {
        em.profiles.delete(id);
        em.relations.deleteUser(id);
        em.c2c.deleteUser(id);
        em.groups.deleteUser(id);
        item.put("ResultCode", 0).put("ResultInfo", "");
      } else {
        item.put("ResultCode", 70107).put("ResultInfo", "Err_TLS_PT_Open_Login_Account_Not_Exist");
      }
      item.put("UserID", id);
    }
    return out;
  }

  private ObjectNode kick(RestCall call) {
    String id = call.body().string(70402, "UserID");
    var before = em.accounts.kick(id, em.nowSeconds())
        .orElseThrow(() -> new ImError(70107, "account does not exist"));
    em.clients.kickedOut(id);
    if (before.online()) {
      stateChange(id, "Logout", "Unregister", "Web");
    }
    return Wire.mapper().createObjectNode();
  }

  /** Fires {@code State.StateChange} (the console's login/logout and kicks). */
  public void stateChange(String user, String action, String reason, String platform) {
    em.callbacks.after("state:" + user, Commands.STATE_CHANGE,
        Payloads.stateChange(action, user, reason, em.eventTime()),
        "127.0.0.1", platform);
  }

  private ObjectNode onlineStatus(RestCall call, String statusField) {
    Body b = call.body();
    List<String> ids = b.stringList(90001, "To_Account");
    if (ids.isEmpty()) {
      throw new ImError(90001, "To_Account is empty");
    }
    if (ids.size() > 500) {
      throw new ImError(90011, "more than 500 accounts");
    }
    boolean detail = b.optInt(90001, 0, "IsNeedDetail") == 1 || "State".equals(statusField);
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode result = out.putArray("QueryResult");
    ArrayNode errors = Wire.mapper().createArrayNode();
    for (String id : ids) {
      var p = em.accounts.presence(id);
      if (p.isEmpty()) {
        errors.addObject().put("To_Account", id).put("ErrorCode", 70107);
        continue;
      }
      Map<String, String> platforms = p.get().platforms();
      String status = platforms.containsValue("Online") ? "Online"
          : platforms.containsValue("PushOnline") ? "PushOnline" : "Offline";
      ObjectNode item = result.addObject();
      item.put("To_Account", id);
      item.put(statusField, status);
      if (detail && !platforms.isEmpty()) {
        ArrayNode d = item.putArray("Detail");
        platforms.forEach((platform, s) -> d.addObject().put("Platform", platform).put("Status", s));
      }
    }
    if (result.isEmpty()) {
      throw new ImError(70107, "none of the accounts exists");
    }
    if (!errors.isEmpty()) {
      out.set("ErrorList", errors);
    }
    return out;
  }

  private ObjectNode createRobot(RestCall call) {
    Body b = call.body();
    String id = checkId(b.string(10004, "UserID"), 10004);
    if (!AccountStore.isRobotId(id)) {
      throw new ImError(10004, "robot UserID must start with @RBT#");
    }
    String sig = b.optString("SelfSignature");
    if (sig != null && sig.getBytes(StandardCharsets.UTF_8).length > 500) {
      throw new ImError(10004, "SelfSignature is longer than 500 bytes");
    }
    em.accounts.createRobot(id, em.nowSeconds());
    setProfile(id, "Tag_Profile_IM_Nick", b.optString("Nick"));
    setProfile(id, "Tag_Profile_IM_Image", b.optString("FaceUrl"));
    setProfile(id, "Tag_Profile_IM_SelfSignature", sig);
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode deleteRobot(RestCall call) {
    String id = call.body().string(10004, "Robot_Account");
    if (!em.accounts.deleteRobot(id)) {
      throw new ImError(10004, "not a robot account");
    }
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode allRobots(RestCall call) {
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode list = out.putArray("Robot_Account");
    em.accounts.robots().forEach(list::add);
    return out;
  }
}
