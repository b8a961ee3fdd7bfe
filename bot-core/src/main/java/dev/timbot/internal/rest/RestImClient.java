package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.internal.json.WireJson;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImAdmin.BlacklistEntry;
import dev.timbot.spi.ImAdmin.GroupHistoryPage;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.JoinedGroup;
import dev.timbot.spi.ImAdmin.OnlineStatusResult;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The {@link ImClient} API as REST calls: each method is one call of the {@code *Calls} classes
 * (which build the documented bodies and read the answers) sent through a {@link RestCaller},
 * failing with the service's {@link ImException} itself. What the calls go over — signing, rate
 * limits, retries, HTTP — and the client's lifecycle are {@link TencentImClient}'s.
 *
 * <p>Public only so that {@link TencentImClient}'s inherited methods need no bridge methods (javac
 * adds one per public method inherited from a package-private class, a call more on the send
 * path); sealed, so it is never more than the API half of {@link TencentImClient}.
 */
public abstract sealed class RestImClient implements ImClient permits TencentImClient {
  private final RestCaller rest;
  private final AccountCalls accounts;
  private final MessageCalls messages;
  private final GroupCalls groups;
  private final RelationCalls relations;

  /** @param random source of MsgSeq/MsgRandom/Random; {@code clock} ends a roaming query without MaxTime */
  RestImClient(RestCaller rest, Random random, BotClock clock) {
    this.rest = rest;
    this.accounts = new AccountCalls(rest);
    this.messages = new MessageCalls(rest, random, clock);
    this.groups = new GroupCalls(rest, messages);
    this.relations = new RelationCalls(rest);
  }

  /**
   * Runs {@code call} and completes with its own failure (an {@link ImException}), not wrapped in
   * a {@code CompletionException}, so {@code exceptionally(e -> ...)} sees the service's code.
   */
  private static <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> out = new CompletableFuture<>();
    CompletableFuture<T> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    f.whenComplete((v, e) -> Failures.complete(out, v, e));
    return out;
  }

  // --- accounts ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> importAccount(String userId, String nick, String faceUrl) {
    return run(() -> accounts.importAccount(userId, nick, faceUrl));
  }

  @Override
  public CompletableFuture<List<String>> importAccounts(List<String> userIds) {
    return run(() -> accounts.importAccounts(userIds));
  }

  @Override
  public CompletableFuture<Map<String, Boolean>> checkAccounts(List<String> userIds) {
    return run(() -> accounts.checkAccounts(userIds));
  }

  @Override
  public CompletableFuture<Void> createRobot(String userId, String nick, String faceUrl) {
    return run(() -> accounts.createRobot(userId, nick, faceUrl));
  }

  @Override
  public CompletableFuture<List<String>> getAllRobots() {
    return run(accounts::getAllRobots);
  }

  @Override
  public CompletableFuture<OnlineStatusResult> queryOnlineStatus(List<String> userIds) {
    return run(() -> accounts.queryOnlineStatus(userIds));
  }

  // --- C2C messages --------------------------------------------------------------------------

  @Override
  public CompletableFuture<SendResult> sendMessage(SendMessage message) {
    return run(() -> messages.send(message));
  }

  @Override
  public CompletableFuture<BatchSendResult> batchSendMessage(List<String> to, SendMessage template) {
    return run(() -> messages.batchSend(to, template));
  }

  @Override
  public CompletableFuture<Void> withdrawMessage(String from, String to, String msgKey) {
    return run(() -> messages.withdraw(from, to, msgKey));
  }

  @Override
  public CompletableFuture<Void> setMessagesRead(String reporter, String peer, Instant readTime) {
    return run(() -> messages.setRead(reporter, peer, readTime));
  }

  @Override
  public CompletableFuture<RoamPage> getRoamMessages(RoamQuery query) {
    return run(() -> messages.roam(query));
  }

  // --- groups --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<String> createGroup(
      String type, String name, String owner, List<String> members, String groupId) {
    return run(() -> groups.create(type, name, owner, members, groupId));
  }

  @Override
  public CompletableFuture<GroupSendResult> sendGroupMessage(GroupMessage message) {
    return run(() -> groups.send(message));
  }

  @Override
  public CompletableFuture<List<ItemResult>> recallGroupMessages(String groupId, List<Long> msgSeqs) {
    return run(() -> groups.recall(groupId, msgSeqs));
  }

  @Override
  public CompletableFuture<List<JoinedGroup>> getJoinedGroups(String account) {
    return run(() -> groups.joined(account));
  }

  @Override
  public CompletableFuture<GroupHistoryPage> getGroupHistory(String groupId, Long upToSeq, int count) {
    return run(() -> groups.history(groupId, upToSeq, count));
  }

  @Override
  public CompletableFuture<List<GroupInfo>> getGroupInfo(List<String> groupIds) {
    return run(() -> groups.info(groupIds));
  }

  @Override
  public CompletableFuture<List<ItemResult>> addGroupMembers(
      String groupId, List<String> accounts, boolean silent) {
    return run(() -> groups.addMembers(groupId, accounts, silent));
  }

  @Override
  public CompletableFuture<Void> deleteGroupMembers(
      String groupId, List<String> accounts, String reason, boolean silent) {
    return run(() -> groups.deleteMembers(groupId, accounts, reason, silent));
  }

  // --- relationships and profiles ------------------------------------------------------------

  @Override
  public CompletableFuture<List<ItemResult>> addFriends(String from, List<String> to, boolean bothWays) {
    return run(() -> relations.addFriends(from, to, bothWays));
  }

  @Override
  public CompletableFuture<List<ItemResult>> deleteFriends(
      String from, List<String> to, boolean bothWays) {
    return run(() -> relations.deleteFriends(from, to, bothWays));
  }

  @Override
  public CompletableFuture<List<String>> getFriends(String from) {
    return run(() -> relations.getFriends(from));
  }

  @Override
  public CompletableFuture<List<ItemResult>> addToBlacklist(String from, List<String> to) {
    return run(() -> relations.addToBlacklist(from, to));
  }

  @Override
  public CompletableFuture<List<ItemResult>> removeFromBlacklist(String from, List<String> to) {
    return run(() -> relations.removeFromBlacklist(from, to));
  }

  @Override
  public CompletableFuture<List<BlacklistEntry>> getBlacklist(String from) {
    return run(() -> relations.getBlacklist(from));
  }

  @Override
  public CompletableFuture<List<UserProfile>> getProfiles(List<String> accounts, List<String> tags) {
    return run(() -> relations.getProfiles(accounts, tags));
  }

  @Override
  public CompletableFuture<Void> setProfile(String account, Map<String, Object> tags) {
    return run(() -> relations.setProfile(account, tags));
  }

  // --- anything else -------------------------------------------------------------------------

  @Override
  public CompletableFuture<String> call(String service, String command, String bodyJson) {
    return run(
        () -> {
          JsonNode tree;
          try {
            tree = bodyJson == null ? WireJson.mapper().createObjectNode() : WireJson.mapper().readTree(bodyJson);
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a REST body must be JSON: " + e.getOriginalMessage(), e);
          }
          if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a REST body must be a JSON object, got " + tree.getNodeType());
          }
          return rest.call(RestRequest.of(service, command, object)).thenApply(JsonNode::toString);
        });
  }
}
