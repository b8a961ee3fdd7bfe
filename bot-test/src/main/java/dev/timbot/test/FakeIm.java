package dev.timbot.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImAdmin.BlacklistEntry;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.JoinedGroup;
import dev.timbot.spi.ImAdmin.OnlineStatusResult;
import dev.timbot.spi.ImAdmin.ProfileTags;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
import dev.timbot.message.TextElem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An in-memory {@link ImClient} that records what the bot does: sends (C2C and group), recalls,
 * read reports, account and profile calls. Profiles and groups can be preset; sends can be made
 * to fail or to wait (to test flushing on stop). Thread-safe.
 */
public final class FakeIm implements ImClient {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();


  /**
   * One message the bot sent.
   *
   * @param to the conversation
   * @param from the sender account ({@code From_Account})
   * @param msgKey the C2C MsgKey given back (null for groups)
   * @param msgSeq the sequence given back
   */
  public record Sent(Conversation to, String from, List<MessageElem> elements, String cloudCustomData,
      String msgKey, long msgSeq) {
    /** The joined text of the text elements. */
    public String text() {
      return elements.stream().filter(TextElem.class::isInstance).map(e -> ((TextElem) e).text())
          .collect(Collectors.joining());
    }

    /** The first custom element, or null. */
    public CustomElem custom() {
      return elements.stream().filter(CustomElem.class::isInstance).map(CustomElem.class::cast)
          .findFirst().orElse(null);
    }

    /** The first custom element's Data read as JSON into {@code type}. */
    public <T> T custom(Class<T> type) {
      CustomElem c = custom();
      if (c == null) {
        throw new AssertionError("not a custom message: " + this);
      }
      try {
        return JSON.readValue(c.data(), type);
      } catch (Exception e) {
        throw new AssertionError("custom Data is not a " + type.getSimpleName() + ": " + c.data(), e);
      }
    }

    @Override
    public String toString() {
      return "to " + to + ": " + elements.stream().map(e -> e instanceof TextElem t ? "\"" + t.text() + "\""
          : MessageJson.toJson(e)).collect(Collectors.joining(" + "));
    }
  }

  /** A call that is not a send, recorded by name with its main arguments. */
  public record Call(String api, List<Object> args) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, UserProfile> profiles = new ConcurrentHashMap<>();
  private final Map<String, GroupInfo> groups = new ConcurrentHashMap<>();
  private final Map<String, Boolean> accounts = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong(1000);
  private final AtomicInteger profileLookups = new AtomicInteger();
  private final List<CompletableFuture<?>> held = new CopyOnWriteArrayList<>();
  private final Object sendLock = new Object();
  private volatile Supplier<ImException> sendFailure;
  private volatile boolean holdSends;

  // --- setup ------------------------------------------------------------------------------------

  /** Presets a user's nick. */
  public FakeIm profile(String account, String nick) {
    profiles.put(account, new UserProfile(account, Map.of(ProfileTags.NICK, nick), 0));
    return this;
  }

  /** Presets a group. */
  public FakeIm group(String groupId, String name, List<String> members) {
    groups.put(groupId, new GroupInfo(groupId, 0, "", "Public", name, members.isEmpty() ? null : members.get(0),
        members.size(), members, null));
    return this;
  }

  /** Makes every send fail with this error until {@link #sendsSucceed()}. */
  public FakeIm failSends(Supplier<ImException> error) {
    this.sendFailure = error;
    return this;
  }

  public FakeIm sendsSucceed() {
    this.sendFailure = null;
    return this;
  }

  /** Sends are recorded but their futures stay incomplete until {@link #releaseSends()}. */
  public FakeIm holdSends() {
    this.holdSends = true;
    return this;
  }

  public FakeIm releaseSends() {
    this.holdSends = false;
    List<CompletableFuture<?>> toRelease = new ArrayList<>(held);
    held.clear();
    toRelease.forEach(f -> ((CompletableFuture<?>) f).complete(null));
    return this;
  }

  // --- inspection -------------------------------------------------------------------------------

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Calls of one API, e.g. {@code withdrawMessage}. */
  public List<Call> calls(String api) {
    return calls.stream().filter(c -> c.api().equals(api)).toList();
  }

  /** How many times profiles were fetched (to check caching). */
  public int profileLookups() {
    return profileLookups.get();
  }

  /** Waits, in real time, until at least {@code count} messages were sent; false on timeout. */
  public boolean awaitSent(int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    synchronized (sendLock) {
      while (sent.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(sendLock, left);
      }
      return true;
    }
  }

  private void record(Sent s) {
    synchronized (sendLock) {
      sent.add(s);
      sendLock.notifyAll();
    }
  }

  private void log(String api, Object... args) {
    calls.add(new Call(api, java.util.Arrays.asList(args)));
  }

  private <T> CompletableFuture<T> deliver(Supplier<T> result) {
    Supplier<ImException> failure = sendFailure;
    if (failure != null) {
      return CompletableFuture.failedFuture(failure.get());
    }
    if (holdSends) {
      CompletableFuture<Object> gate = new CompletableFuture<>();
      held.add(gate);
      return gate.thenApply(v -> result.get());
    }
    return CompletableFuture.completedFuture(result.get());
  }

  // --- ImClient ---------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> importAccount(String userId, String nick, String faceUrl) {
    log("importAccount", userId, nick, faceUrl);
    accounts.put(userId, true);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<List<String>> importAccounts(List<String> userIds) {
    log("importAccounts", userIds);
    userIds.forEach(u -> accounts.put(u, true));
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<Map<String, Boolean>> checkAccounts(List<String> userIds) {
    log("checkAccounts", userIds);
    Map<String, Boolean> out = new LinkedHashMap<>();
    userIds.forEach(u -> out.put(u, accounts.getOrDefault(u, false)));
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletableFuture<Void> createRobot(String userId, String nick, String faceUrl) {
    log("createRobot", userId, nick, faceUrl);
    accounts.put(userId, true);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<List<String>> getAllRobots() {
    return CompletableFuture.completedFuture(
        accounts.keySet().stream().filter(a -> a.startsWith("@RBT#")).sorted().toList());
  }

  @Override
  public CompletableFuture<OnlineStatusResult> queryOnlineStatus(List<String> userIds) {
    return unsupported("queryOnlineStatus");
  }

  @Override
  public CompletableFuture<SendResult> sendMessage(SendMessage m) {
    long s = seq.incrementAndGet();
    long random = m.msgRandom() != null ? m.msgRandom() : s * 7;
    Instant now = Instant.ofEpochSecond(1_767_225_600L + s);
    String key = s + "_" + random + "_" + now.getEpochSecond();
    record(new Sent(Conversation.c2c(m.to()), m.from(), m.elements(), m.cloudCustomData(), key, s));
    return deliver(() -> new SendResult(key, now, "fake-" + s, s, random));
  }

  @Override
  public CompletableFuture<BatchSendResult> batchSendMessage(List<String> to, SendMessage template) {
    return unsupported("batchSendMessage");
  }

  @Override
  public CompletableFuture<Void> withdrawMessage(String from, String to, String msgKey) {
    log("withdrawMessage", from, to, msgKey);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> setMessagesRead(String reporter, String peer, Instant readTime) {
    log("setMessagesRead", reporter, peer, readTime);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<RoamPage> getRoamMessages(RoamQuery query) {
    return unsupported("getRoamMessages");
  }

  @Override
  public CompletableFuture<String> createGroup(String type, String name, String owner, List<String> members,
      String groupId) {
    String id = groupId != null ? groupId : "@TGS#fake" + seq.incrementAndGet();
    group(id, name, members);
    return CompletableFuture.completedFuture(id);
  }

  @Override
  public CompletableFuture<GroupSendResult> sendGroupMessage(GroupMessage m) {
    long s = seq.incrementAndGet();
    long random = m.random() != null ? m.random() : s * 7;
    record(new Sent(Conversation.group(m.groupId()), m.from(), m.elements(), m.cloudCustomData(), null, s));
    return deliver(() -> new GroupSendResult(s, Instant.ofEpochSecond(1_767_225_600L + s), null, random));
  }

  @Override
  public CompletableFuture<List<ItemResult>> recallGroupMessages(String groupId, List<Long> msgSeqs) {
    log("recallGroupMessages", groupId, msgSeqs);
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<List<JoinedGroup>> getJoinedGroups(String account) {
    return unsupported("getJoinedGroups");
  }

  @Override
  public CompletableFuture<List<GroupInfo>> getGroupInfo(List<String> groupIds) {
    log("getGroupInfo", groupIds);
    return CompletableFuture.completedFuture(groupIds.stream()
        .map(id -> groups.getOrDefault(id, new GroupInfo(id, 10010, "group not found", null, null, null, 0, null, null)))
        .toList());
  }

  @Override
  public CompletableFuture<List<ItemResult>> addGroupMembers(String groupId, List<String> accounts, boolean silent) {
    return unsupported("addGroupMembers");
  }

  @Override
  public CompletableFuture<Void> deleteGroupMembers(String groupId, List<String> accounts, String reason,
      boolean silent) {
    return unsupported("deleteGroupMembers");
  }

  @Override
  public CompletableFuture<List<ItemResult>> addFriends(String from, List<String> to, boolean bothWays) {
    return unsupported("addFriends");
  }

  @Override
  public CompletableFuture<List<ItemResult>> deleteFriends(String from, List<String> to, boolean bothWays) {
    return unsupported("deleteFriends");
  }

  @Override
  public CompletableFuture<List<String>> getFriends(String from) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<List<ItemResult>> addToBlacklist(String from, List<String> to) {
    return unsupported("addToBlacklist");
  }

  @Override
  public CompletableFuture<List<ItemResult>> removeFromBlacklist(String from, List<String> to) {
    return unsupported("removeFromBlacklist");
  }

  @Override
  public CompletableFuture<List<BlacklistEntry>> getBlacklist(String from) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<List<UserProfile>> getProfiles(List<String> accounts, List<String> tags) {
    profileLookups.incrementAndGet();
    log("getProfiles", accounts, tags);
    return CompletableFuture.completedFuture(accounts.stream()
        .map(a -> profiles.getOrDefault(a, new UserProfile(a, Map.of(), 0)))
        .toList());
  }

  @Override
  public CompletableFuture<Void> setProfile(String account, Map<String, Object> tags) {
    log("setProfile", account, Map.copyOf(tags));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<String> call(String service, String command, String bodyJson) {
    log("call", service, command, bodyJson);
    return CompletableFuture.completedFuture("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}");
  }

  private static <T> CompletableFuture<T> unsupported(String api) {
    return CompletableFuture.failedFuture(new ImException(90995, "FakeIm does not implement " + api));
  }
}
