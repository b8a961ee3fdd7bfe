package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.OnlineStatus;
import dev.timbot.spi.ImAdmin.OnlineStatusResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Accounts, robots and online status ({@code im_open_login_svc}, {@code openim_robot_http_svc}). */
public final class AccountCalls {
  static final String LOGIN = "im_open_login_svc";
  static final String ROBOT = "openim_robot_http_svc";
  /** multiaccount_import / account_check take at most 100 accounts. */
  static final int ACCOUNTS_PER_CALL = 100;
  /** query_online_status takes at most 500 accounts. */
  static final int STATUS_PER_CALL = 500;

  private final RestCaller rest;

  public AccountCalls(RestCaller rest) {
    this.rest = rest;
  }

  public CompletableFuture<Void> importAccount(String userId, String nick, String faceUrl) {
    ObjectNode body = Json.object();
    body.put("UserID", userId);
    Json.putIfPresent(body, "Nick", nick);
    Json.putIfPresent(body, "FaceUrl", faceUrl);
    return rest.call(RestRequest.of(LOGIN, "account_import", body)).thenApply(r -> null);
  }

  public CompletableFuture<List<String>> importAccounts(List<String> userIds) {
    return Batches.concatEach(userIds, ACCOUNTS_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.set("Accounts", Json.strings(chunk));
      return rest.call(RestRequest.of(LOGIN, "multiaccount_import", body))
            .thenApply(r -> Json.textItems(r, "FailAccounts"));
    });
  }

  public CompletableFuture<Map<String, Boolean>> checkAccounts(List<String> userIds) {
    return Batches.concatEach(userIds, ACCOUNTS_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      ArrayNode items = body.putArray("CheckItem");
      chunk.forEach(id -> items.addObject().put("UserID", id));
      return rest.call(RestRequest.of(LOGIN, "account_check", body))
            .thenApply(r -> Json.items(r, "ResultItem"));
    })
        .thenApply(
            items -> {
              Map<String, Boolean> out = new LinkedHashMap<>();
              // Unanswered or failed items count as not imported: importing again is harmless.
              userIds.forEach(id -> out.put(id, false));
              for (JsonNode item : items) {
                String id = Json.text(item, "UserID");
                if (id != null) {
                  out.put(
                      id,
                      Json.intOr(item, "ResultCode", 0) == 0
                          && "Imported".equals(Json.text(item, "AccountStatus")));
                }
              }
              return out;
            });
  }

  public CompletableFuture<Void> createRobot(String userId, String nick, String faceUrl) {
    ObjectNode body = Json.object();
    body.put("UserID", userId);
    Json.putIfPresent(body, "Nick", nick);
    Json.putIfPresent(body, "FaceUrl", faceUrl);
    return rest.call(RestRequest.of(ROBOT, "create_robot", body)).thenApply(r -> null);
  }

  public CompletableFuture<List<String>> getAllRobots() {
    return rest.call(RestRequest.of(ROBOT, "get_all_robots", Json.object()))
        .thenApply(r -> Json.textItems(r, "Robot_Account"));
  }

  public CompletableFuture<OnlineStatusResult> queryOnlineStatus(List<String> userIds) {
    return Batches.allEach(userIds, STATUS_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.set("To_Account", Json.strings(chunk));
      body.put("IsNeedDetail", 1);
      // When every account fails the top-level ErrorCode is set, yet ErrorList says why per account.
      RestRequest request =
          RestRequest.of("openim", "query_online_status", body).withItemsField("ErrorList");
      return rest.call(request).thenApply(AccountCalls::readStatus);
    })
        .thenApply(
            parts -> {
              List<OnlineStatus> statuses = new ArrayList<>();
              List<ItemResult> errors = new ArrayList<>();
              parts.forEach(
                  p -> {
                    statuses.addAll(p.statuses());
                    errors.addAll(p.errors());
                  });
              return new OnlineStatusResult(statuses, errors);
            });
  }

  private static OnlineStatusResult readStatus(JsonNode r) {
    List<OnlineStatus> statuses = new ArrayList<>();
    for (JsonNode item : Json.items(r, "QueryResult")) {
      List<OnlineStatus.PlatformStatus> detail = new ArrayList<>();
      for (JsonNode d : Json.items(item, "Detail")) {
        detail.add(new OnlineStatus.PlatformStatus(Json.text(d, "Platform"), status(d)));
      }
      statuses.add(new OnlineStatus(Json.text(item, "To_Account"), status(item), detail));
    }
    List<ItemResult> errors = new ArrayList<>();
    for (JsonNode e : Json.items(r, "ErrorList")) {
      errors.add(
          new ItemResult(
              Json.text(e, "To_Account"),
              Json.intOr(e, "ErrorCode", 0),
              Json.textOr(e, "ErrorInfo", "")));
    }
    return new OnlineStatusResult(statuses, errors);
  }

  /** {@code Status}, or {@code State} as the legacy querystate answer spells it. */
  private static String status(JsonNode node) {
    String s = Json.text(node, "Status");
    return s != null ? s : Json.text(node, "State");
  }
}
