package dev.timbot.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImAdmin.BlacklistEntry;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.JoinedGroup;
import dev.timbot.spi.ImAdmin.OnlineStatusResult;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.spi.ImAdmin.UserProfile;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The "no-op outbox" of the in-process benchmarks: every call succeeds at once and nothing is
 * recorded, so the measurement is the bot's own work. {@code bot-test}'s FakeIm records every send
 * in a copy-on-write list, which would make a long run quadratic. Sends are reported to a
 * listener, which is how a benchmark knows a message was handled to completion.
 */
public final class NoopImClient implements ImClient {
  private static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);
  private static final CompletableFuture<SendResult> SENT =
      CompletableFuture.completedFuture(new SendResult("1_1_1700000000", EPOCH, "1-1-1", 1, 1));

  private final Consumer<SendMessage> onSend;

  public NoopImClient(Consumer<SendMessage> onSend) {
    this.onSend = onSend;
  }

  @Override
  public CompletableFuture<SendResult> sendMessage(SendMessage message) {
    onSend.accept(message);
    return SENT; // shared and already complete: allocation-free, like an ideal transport
  }

  @Override
  public CompletableFuture<Void> importAccount(String userId, String nick, String faceUrl) {
    return done(null);
  }

  @Override
  public CompletableFuture<List<String>> importAccounts(List<String> userIds) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<Map<String, Boolean>> checkAccounts(List<String> userIds) {
    Map<String, Boolean> all = new HashMap<>();
    userIds.forEach(u -> all.put(u, Boolean.TRUE));
    return done(all);
  }

  @Override
  public CompletableFuture<Void> createRobot(String userId, String nick, String faceUrl) {
    return done(null);
  }

  @Override
  public CompletableFuture<List<String>> getAllRobots() {
    return done(List.of());
  }

  @Override
  public CompletableFuture<OnlineStatusResult> queryOnlineStatus(List<String> userIds) {
    return done(new OnlineStatusResult(List.of(), List.of()));
  }

  @Override
  public CompletableFuture<BatchSendResult> batchSendMessage(List<String> to, SendMessage template) {
    return done(new BatchSendResult(List.of(), List.of()));
  }

  @Override
  public CompletableFuture<Void> withdrawMessage(String from, String to, String msgKey) {
    return done(null);
  }

  @Override
  public CompletableFuture<Void> setMessagesRead(String reporter, String peer, Instant readTime) {
    return done(null);
  }

  @Override
  public CompletableFuture<RoamPage> getRoamMessages(RoamQuery query) {
    return done(new RoamPage(true, EPOCH, null, List.of()));
  }

  @Override
  public CompletableFuture<String> createGroup(String type, String name, String owner, List<String> members,
      String groupId) {
    return done(groupId == null ? "@TGS#bench" : groupId);
  }

  @Override
  public CompletableFuture<GroupSendResult> sendGroupMessage(GroupMessage message) {
    return done(new GroupSendResult(1, EPOCH, null, 1));
  }

  @Override
  public CompletableFuture<List<ItemResult>> recallGroupMessages(String groupId, List<Long> msgSeqs) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<JoinedGroup>> getJoinedGroups(String account) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<GroupInfo>> getGroupInfo(List<String> groupIds) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<ItemResult>> addGroupMembers(String groupId, List<String> accounts, boolean silent) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<Void> deleteGroupMembers(String groupId, List<String> accounts, String reason,
      boolean silent) {
    return done(null);
  }

  @Override
  public CompletableFuture<List<ItemResult>> addFriends(String from, List<String> to, boolean bothWays) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<ItemResult>> deleteFriends(String from, List<String> to, boolean bothWays) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<String>> getFriends(String from) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<ItemResult>> addToBlacklist(String from, List<String> to) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<ItemResult>> removeFromBlacklist(String from, List<String> to) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<BlacklistEntry>> getBlacklist(String from) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<List<UserProfile>> getProfiles(List<String> accounts, List<String> tags) {
    return done(List.of());
  }

  @Override
  public CompletableFuture<Void> setProfile(String account, Map<String, Object> tags) {
    return done(null);
  }

  @Override
  public CompletableFuture<String> call(String service, String command, String bodyJson) {
    return done("{\"ActionStatus\":\"OK\",\"ErrorCode\":0}");
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
