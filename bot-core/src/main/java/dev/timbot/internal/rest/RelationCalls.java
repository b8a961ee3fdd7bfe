package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.ImAdmin.BlacklistEntry;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.ProfileTags;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.internal.json.WireJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Friends, blacklist and profiles ({@code sns/*}, {@code profile/*}). */
public final class RelationCalls {
  static final String SNS = "sns";
  /** What the bot puts in {@code AddSource} ({@code AddSource_Type_} + at most 8 letters). */
  public static final String ADD_SOURCE = "AddSource_Type_Bot";
  /** friend_add: at most 100 friends per request (assumed; not in our protocol notes). */
  static final int ADD_PER_CALL = 100;
  /** friend_delete, black_list_add/delete: at most 1000 accounts. */
  static final int ACCOUNTS_PER_CALL = 1000;
  /** portrait_get: at most 100 accounts. */
  static final int PROFILES_PER_CALL = 100;
  static final int BLACKLIST_PAGE = 100;
  /** Stops a service that never says "complete" from looping forever. */
  static final int MAX_PAGES = 1000;
  static final List<String> DEFAULT_TAGS =
      List.of(ProfileTags.NICK, ProfileTags.IMAGE, ProfileTags.GENDER, ProfileTags.SELF_SIGNATURE);

  private final RestCaller rest;

  public RelationCalls(RestCaller rest) {
    this.rest = rest;
  }

  public CompletableFuture<List<ItemResult>> addFriends(String from, List<String> to, boolean bothWays) {
    return Batches.concatEach(to, ADD_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.put("From_Account", from);
      ArrayNode items = body.putArray("AddFriendItem");
      chunk.forEach(t -> items.addObject().put("To_Account", t).put("AddSource", ADD_SOURCE));
      body.put("AddType", bothWays ? "Add_Type_Both" : "Add_Type_Single");
      // A bot's friendships are administrative: no confirmation round-trip with the peer.
      body.put("ForceAddFlags", 1);
      return rest.call(RestRequest.of(SNS, "friend_add", body)).thenApply(RelationCalls::resultItems);
    });
  }

  public CompletableFuture<List<ItemResult>> deleteFriends(
      String from, List<String> to, boolean bothWays) {
    return Batches.concatEach(to, ACCOUNTS_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.put("From_Account", from);
      body.set("To_Account", Json.strings(chunk));
      body.put("DeleteType", bothWays ? "Delete_Type_Both" : "Delete_Type_Single");
      return rest.call(RestRequest.of(SNS, "friend_delete", body)).thenApply(RelationCalls::resultItems);
    });
  }

  public CompletableFuture<List<String>> getFriends(String from) {
    return friendsPage(from, 0, 1, new ArrayList<>());
  }

  private CompletableFuture<List<String>> friendsPage(
      String from, long startIndex, int page, List<String> out) {
    ObjectNode body = Json.object();
    body.put("From_Account", from);
    body.put("StartIndex", startIndex);
    // Sequences stay 0: echoing the service's sequence would make it skip the data we want.
    body.put("StandardSequence", 0);
    body.put("CustomSequence", 0);
    return rest.call(RestRequest.of(SNS, "friend_get", body))
        .thenCompose(
            r -> {
              for (JsonNode item : Json.items(r, "UserDataItem")) {
                String account = Json.text(item, "To_Account");
                if (account != null) {
                  out.add(account);
                }
              }
              long next = Json.longOr(r, "NextStartIndex", 0);
              boolean complete = Json.intOr(r, "CompleteFlag", 1) != 0;
              if (complete || next <= startIndex || page >= MAX_PAGES) {
                return CompletableFuture.completedFuture(List.copyOf(out));
              }
              return friendsPage(from, next, page + 1, out);
            });
  }

  public CompletableFuture<List<ItemResult>> addToBlacklist(String from, List<String> to) {
    return blacklistChange("black_list_add", from, to);
  }

  public CompletableFuture<List<ItemResult>> removeFromBlacklist(String from, List<String> to) {
    return blacklistChange("black_list_delete", from, to);
  }

  private CompletableFuture<List<ItemResult>> blacklistChange(
      String command, String from, List<String> to) {
    return Batches.concatEach(to, ACCOUNTS_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.put("From_Account", from);
      body.set("To_Account", Json.strings(chunk));
      return rest.call(RestRequest.of(SNS, command, body)).thenApply(RelationCalls::resultItems);
    });
  }

  public CompletableFuture<List<BlacklistEntry>> getBlacklist(String from) {
    return blacklistPage(from, 0, 0, 1, new ArrayList<>());
  }

  private CompletableFuture<List<BlacklistEntry>> blacklistPage(
      String from, long startIndex, long lastSequence, int page, List<BlacklistEntry> out) {
    ObjectNode body = Json.object();
    body.put("From_Account", from);
    body.put("StartIndex", startIndex);
    body.put("MaxLimited", BLACKLIST_PAGE);
    body.put("LastSequence", lastSequence);
    return rest.call(RestRequest.of(SNS, "black_list_get", body))
        .thenCompose(
            r -> {
              for (JsonNode item : Json.items(r, "BlackListItem")) {
                Instant added = Json.seconds(item, "AddBlackTimeStamp");
                out.add(new BlacklistEntry(Json.text(item, "To_Account"), added));
              }
              long next = Json.longOr(r, "StartIndex", 0);
              // The service spells it "CurruentSequence"; accept the correct spelling too.
              long sequence =
                  Json.longOr(r, "CurruentSequence", Json.longOr(r, "CurrentSequence", 0));
              if (next == 0 || next <= startIndex || page >= MAX_PAGES) {
                return CompletableFuture.completedFuture(List.copyOf(out));
              }
              return blacklistPage(from, next, sequence, page + 1, out);
            });
  }

  public CompletableFuture<List<UserProfile>> getProfiles(List<String> accounts, List<String> tags) {
    List<String> tagList = tags == null || tags.isEmpty() ? DEFAULT_TAGS : tags;
    return Batches.concatEach(accounts, PROFILES_PER_CALL, chunk -> {
      ObjectNode body = Json.object();
      body.set("To_Account", Json.strings(chunk));
      body.set("TagList", Json.strings(tagList));
      return rest.call(RestRequest.of("profile", "portrait_get", body))
            .thenApply(
                r ->
                    Json.items(r, "UserProfileItem").stream()
                        .map(RelationCalls::readProfile)
                        .toList());
    });
  }

  private static UserProfile readProfile(JsonNode item) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (JsonNode p : Json.items(item, "ProfileItem")) {
      String tag = Json.text(p, "Tag");
      JsonNode value = p.get("Value");
      if (tag != null && value != null && !value.isNull()) {
        values.put(tag, WireJson.mapper().convertValue(value, Object.class));
      }
    }
    return new UserProfile(
        Json.text(item, "To_Account"), values, Json.intOr(item, "ResultCode", 0));
  }

  public CompletableFuture<Void> setProfile(String account, Map<String, Object> tags) {
    ObjectNode body = Json.object();
    body.put("From_Account", account);
    ArrayNode items = body.putArray("ProfileItem");
    tags.forEach(
        (tag, value) ->
            items.addObject().put("Tag", tag).set("Value", WireJson.mapper().valueToTree(value)));
    return rest.call(RestRequest.of("profile", "portrait_set", body)).thenApply(r -> null);
  }

  /** {@code ResultItem[]} of the sns APIs. */
  private static List<ItemResult> resultItems(JsonNode r) {
    return Json.items(r, "ResultItem").stream()
        .map(
            i ->
                new ItemResult(
                    Json.text(i, "To_Account"),
                    Json.intOr(i, "ResultCode", 0),
                    Json.textOr(i, "ResultInfo", "")))
        .toList();
  }
}
