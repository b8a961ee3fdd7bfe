package dev.timbot.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The IM service as a bot uses it: accounts, messages, groups, relationships and profiles. Every
 * call is asynchronous; a failure completes the future with an {@link ImException} carrying the
 * service's {@code ErrorCode} and {@code ErrorInfo}.
 *
 * <p>The Tencent implementation ({@code dev.timbot.internal.rest.TencentImClient}) speaks the documented REST
 * API; batch answers that succeed overall but fail per item are reported as {@link ItemResult}s,
 * never swallowed.
 */
public interface ImClient {

  // --- accounts -------------------------------------------------------------------------------

  /** {@code account_import}: creates the account if needed (idempotent). */
  CompletableFuture<Void> importAccount(String userId, String nick, String faceUrl);

  /** {@code multiaccount_import}: returns the accounts that failed ({@code FailAccounts}). */
  CompletableFuture<List<String>> importAccounts(List<String> userIds);

  /** {@code account_check}: account → imported? */
  CompletableFuture<Map<String, Boolean>> checkAccounts(List<String> userIds);

  /** {@code create_robot}: creates an {@code @RBT#} robot account (idempotent). */
  CompletableFuture<Void> createRobot(String userId, String nick, String faceUrl);

  /** {@code get_all_robots}. */
  CompletableFuture<List<String>> getAllRobots();

  /** {@code query_online_status}, with per-platform detail. */
  CompletableFuture<OnlineStatusResult> queryOnlineStatus(List<String> userIds);

  // --- C2C messages ----------------------------------------------------------------------------

  /** {@code sendmsg}. Retries reuse the same MsgSeq/MsgRandom, so they are idempotent. */
  CompletableFuture<SendResult> sendMessage(SendMessage message);

  /**
   * {@code batchsendmsg} to any number of recipients, in chunks of 500; {@code template.to()} is
   * ignored. Per-recipient failures are in the result.
   */
  CompletableFuture<BatchSendResult> batchSendMessage(List<String> to, SendMessage template);

  /** {@code admin_msgwithdraw}. */
  CompletableFuture<Void> withdrawMessage(String from, String to, String msgKey);

  /** {@code admin_set_msg_read}: marks {@code peer}'s messages read for {@code reporter}. */
  CompletableFuture<Void> setMessagesRead(String reporter, String peer, Instant readTime);

  /** {@code admin_getroammsg}: one page of history. */
  CompletableFuture<RoamPage> getRoamMessages(RoamQuery query);

  // --- groups ----------------------------------------------------------------------------------

  /** {@code create_group}; returns the group ID. {@code groupId} may be null to let the service pick. */
  CompletableFuture<String> createGroup(
      String type, String name, String owner, List<String> members, String groupId);

  /** {@code send_group_msg}. A rate-limited drop shows as {@link GroupSendResult#dropped()}. */
  CompletableFuture<GroupSendResult> sendGroupMessage(GroupMessage message);

  /** {@code group_msg_recall}: one result per sequence ({@code RecallRetList}). */
  CompletableFuture<List<ItemResult>> recallGroupMessages(String groupId, List<Long> msgSeqs);

  /** {@code get_joined_group_list}. */
  CompletableFuture<List<JoinedGroup>> getJoinedGroups(String account);

  /** {@code get_group_info}: each group with its own error code. */
  CompletableFuture<List<GroupInfo>> getGroupInfo(List<String> groupIds);

  /** {@code add_group_member}: one result per account ({@code Result} 1 added, 2 already member, 0 failed). */
  CompletableFuture<List<ItemResult>> addGroupMembers(String groupId, List<String> accounts, boolean silent);

  /** {@code delete_group_member}. */
  CompletableFuture<Void> deleteGroupMembers(
      String groupId, List<String> accounts, String reason, boolean silent);

  // --- relationships and profiles --------------------------------------------------------------

  /** {@code friend_add} (forced, both ways unless {@code bothWays} is false). */
  CompletableFuture<List<ItemResult>> addFriends(String from, List<String> to, boolean bothWays);

  /** {@code friend_delete}. */
  CompletableFuture<List<ItemResult>> deleteFriends(String from, List<String> to, boolean bothWays);

  /** {@code friend_get}: every friend of {@code from}, following the pages. */
  CompletableFuture<List<String>> getFriends(String from);

  /** {@code black_list_add}. */
  CompletableFuture<List<ItemResult>> addToBlacklist(String from, List<String> to);

  /** {@code black_list_delete}. */
  CompletableFuture<List<ItemResult>> removeFromBlacklist(String from, List<String> to);

  /** {@code black_list_get}: the whole blacklist, following the pages. */
  CompletableFuture<List<BlacklistEntry>> getBlacklist(String from);

  /** {@code portrait_get}. */
  CompletableFuture<List<UserProfile>> getProfiles(List<String> accounts, List<String> tags);

  /** {@code portrait_set}: tag → value (string or number). */
  CompletableFuture<Void> setProfile(String account, Map<String, Object> tags);

  // --- anything else ---------------------------------------------------------------------------

  /**
   * Any REST API by service and command (e.g. {@code "openim", "get_c2c_unread_msg_num"}), with
   * the same signing, rate limiting, retries and error mapping. {@code body} is serialized with
   * the wire mapper; the whole response envelope is returned.
   */
  CompletableFuture<JsonNode> call(String service, String command, Object body);
}
