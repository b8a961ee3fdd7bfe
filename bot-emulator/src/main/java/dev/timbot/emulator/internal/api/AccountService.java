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
import dev.timbot.spi.ImException;
import dev.timbot.internal.json.WireJson;
import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.StateChangeCallback;
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
      throw new ImException(code, "UserID is longer than 32 bytes");
    }
    return id;
  }

  private ObjectNode accountImport(RestCall call) {
    Body b = call.body();
    // "Identifier" is the field's name in the older docs.
    String id = checkId(b.string(70402, "UserID", "Identifier"), 70402);
    em.accounts.importAccount(id, em.nowSeconds());
    setProfile(id, "Tag_Profile_IM_Nick", b.optString("Nick"));
    setProfile(id, "Tag_Profile_IM_Image", b.optString("FaceUrl"));
    return WireJson.mapper().createObjectNode();
  }

  private void setProfile(String id, String tag, String value) {
    if (value != null) {
      if (value.getBytes(StandardCharsets.UTF_8).length > 500) {
        throw new ImException(40601, tag + " is longer than 500 bytes");
      }
      em.profiles.set(id, tag, TextNode.valueOf(value));
    }
  }

  private ObjectNode multiImport(RestCall call) {
    List<String> ids = call.body().stringList(70402, "Accounts");
    if (ids.isEmpty() || ids.size() > 100) {
      throw new ImException(70402, "Accounts must hold 1 to 100 IDs");
    }
    ObjectNode out = WireJson.mapper().createObjectNode();
    ArrayNode failed = out.putArray("FailAccounts");
    for (String id : ids) {
      if (id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
        failed.add(id);
      } else {
        em.accounts.importAccount(id, em.nowSeconds());
      }
    }
    return out;
  }

  private List<String> items(Body b, String field) {
    List<JsonNode> items = b.array(70402, field);
    if (items.isEmpty() || items.size() > 100) {
      throw new ImException(70402, field + " must hold 1 to 100 items");
    }
    // Older docs call the item field "Identifier"; a bare string is read as the ID too.
    return items.stream()
        .map(n -> n.isObject() ? n.path("UserID").asText(n.path("Identifier").asText("")) : n.asText(""))
        .toList();
  }

  private ObjectNode check(RestCall call) {
    ObjectNode out = WireJson.mapper().createObjectNode();
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
    ObjectNode out = WireJson.mapper().createObjectNode();
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
    String id = call.body().string(70402, "UserID", "Identifier");
    var before = em.accounts.kick(id, em.nowSeconds())
        .orElseThrow(() -> new ImException(70107, "account does not exist"));
    em.clients.kickedOut(id);
    if (before.online()) {
      stateChange(id, StateChangeCallback.LOGOUT, "Unregister", "Web");
    }
    return WireJson.mapper().createObjectNode();
  }

  /** Fires {@code State.StateChange} (the console's login/logout and kicks). */
  public void stateChange(String user, String action, String reason, String platform) {
    em.callbacks.after("state:" + user, CallbackCommand.STATE_CHANGE,
        new StateChangeCallback(CallbackCommand.STATE_CHANGE, em.eventTime(),
            new StateChangeCallback.Info(action, user, reason), null),
        "127.0.0.1", platform);
  }

  private ObjectNode onlineStatus(RestCall call, String statusField) {
    Body b = call.body();
    List<String> ids = b.stringList(90001, "To_Account");
    if (ids.isEmpty()) {
      throw new ImException(90001, "To_Account is empty");
    }
    if (ids.size() > 500) {
      throw new ImException(90011, "more than 500 accounts");
    }
    boolean detail = b.optInt(90001, 0, "IsNeedDetail") == 1 || "State".equals(statusField);
    ObjectNode out = WireJson.mapper().createObjectNode();
    ArrayNode result = out.putArray("QueryResult");
    ArrayNode errors = WireJson.mapper().createArrayNode();
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
      throw new ImException(70107, "none of the accounts exists");
    }
    if (!errors.isEmpty()) {
      out.set("ErrorList", errors);
    }
    return out;
  }

  private ObjectNode createRobot(RestCall call) {
    Body b = call.body();
    String id = checkId(b.string(10004, "UserID", "Robot_Account"), 10004);
    if (!AccountStore.isRobotId(id)) {
      throw new ImException(10004, "robot UserID must start with @RBT#");
    }
    String sig = b.optString("SelfSignature");
    if (sig != null && sig.getBytes(StandardCharsets.UTF_8).length > 500) {
      throw new ImException(10004, "SelfSignature is longer than 500 bytes");
    }
    em.accounts.createRobot(id, em.nowSeconds());
    setProfile(id, "Tag_Profile_IM_Nick", b.optString("Nick"));
    setProfile(id, "Tag_Profile_IM_Image", b.optString("FaceUrl"));
    setProfile(id, "Tag_Profile_IM_SelfSignature", sig);
    return WireJson.mapper().createObjectNode();
  }

  private ObjectNode deleteRobot(RestCall call) {
    String id = call.body().string(10004, "Robot_Account", "UserID");
    if (!em.accounts.deleteRobot(id)) {
      throw new ImException(10004, "not a robot account");
    }
    return WireJson.mapper().createObjectNode();
  }

  private ObjectNode allRobots(RestCall call) {
    ObjectNode out = WireJson.mapper().createObjectNode();
    ArrayNode list = out.putArray("Robot_Account");
    em.accounts.robots().forEach(list::add);
    return out;
  }
}
