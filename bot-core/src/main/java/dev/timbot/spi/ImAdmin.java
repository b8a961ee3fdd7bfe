package dev.timbot.spi;

import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamMessage;
import dev.timbot.spi.ImAdmin.OnlineStatus;
import dev.timbot.spi.ImAdmin.OnlineStatusResult;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.spi.ImAdmin.ProfileTags;
import dev.timbot.spi.ImAdmin.BlacklistEntry;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImAdmin.JoinedGroup;

import dev.timbot.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The IM service's administration calls a bot makes besides sending chat messages: accounts,
 * robots, online status, recalls and read marks, history, groups, friends, blacklists and
 * profiles. Plugins inject this; chat messages are sent through {@code Context}/{@code Messenger},
 * which apply the outbound interceptors, per-conversation order and the durable outbox. Every call
 * is asynchronous; a failure completes the future with an {@link ImException} carrying the
 * service's {@code ErrorCode} and {@code ErrorInfo}. Batch answers that succeed overall but fail
 * per item are reported as {@link ItemResult}s, never swallowed.
 */
public interface ImAdmin {

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

  /** {@code admin_msgwithdraw}. */
  CompletableFuture<Void> withdrawMessage(String from, String to, String msgKey);

  /** {@code admin_set_msg_read}: marks {@code peer}'s messages read for {@code reporter}. */
  CompletableFuture<Void> setMessagesRead(String reporter, String peer, Instant readTime);

  /** {@code admin_getroammsg}: one page of history. */
  CompletableFuture<RoamPage> getRoamMessages(RoamQuery query);

  /**
   * {@code group_msg_get_simple}: one page of a group's history, newest first — up to {@code count}
   * (at most 20) messages with a {@code MsgSeq} up to {@code upToSeq} (the newest when null). To
   * walk further back, ask again with the smallest {@code MsgSeq} of the page minus one. Not for
   * AVChatRoom groups, which keep no history. A client without it fails with {@link
   * UnsupportedOperationException}.
   */
  default CompletableFuture<GroupHistoryPage> getGroupHistory(String groupId, Long upToSeq, int count) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("group_msg_get_simple is not available from " + getClass().getName()));
  }

  /** {@code create_group}; returns the group ID. {@code groupId} may be null to let the service pick. */
  CompletableFuture<String> createGroup(
      String type, String name, String owner, List<String> members, String groupId);

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

  /**
   * Any REST API by service and command (e.g. {@code "openim", "get_c2c_unread_msg_num"}), with
   * the same signing, rate limiting, retries and error mapping. {@code bodyJson} is a JSON object
   * (null for {@code {}}); the whole response envelope is returned as JSON text.
   */
  CompletableFuture<String> call(String service, String command, String bodyJson);

  /**
   * One item of a batch answer: which account (or message sequence, group, …) and its own code.
   * Batch APIs answer {@code ErrorCode: 0} overall while single items fail; those failures are
   * reported here rather than swallowed.
   *
   * @param id the account, group ID or message sequence the item is about
   * @param code the item's code (0 = success; for {@code add_group_member} the {@code Result})
   * @param info the item's text, empty when none
   */
  public record ItemResult(String id, int code, String info) {
    public boolean ok() {
      return code == 0;
    }
  }

  /**
   * A page request for {@code admin_getroammsg}: the C2C history between {@code operator} and
   * {@code peer} within [minTime, maxTime]. Pages walk back in time (the first page holds the
   * newest messages); within a page the service lists them oldest first, as in its documented
   * example. To continue, pass the previous page's {@code lastMsgTime} as maxTime and its
   * {@code lastMsgKey}.
   */
  public record RoamQuery(
      String operator, String peer, int maxCount, Instant minTime, Instant maxTime, String lastMsgKey) {
    public static RoamQuery of(String operator, String peer, int maxCount, Instant minTime, Instant maxTime) {
      return new RoamQuery(operator, peer, maxCount, minTime, maxTime, null);
    }

    /** The query for the page after {@code page}. */
    public RoamQuery next(RoamPage page) {
      return new RoamQuery(operator, peer, maxCount, minTime, page.lastMsgTime(), page.lastMsgKey());
    }
  }

  /** One page of {@code admin_getroammsg}; {@code complete} is true on the last page. */
  public record RoamPage(
      boolean complete, Instant lastMsgTime, String lastMsgKey, List<RoamMessage> messages) {
    public RoamPage {
      messages = List.copyOf(messages);
    }
  }

  /**
   * One page of {@code group_msg_get_simple}, newest first. A deleted or expired message ({@code
   * IsPlaceMsg} 1) or a recalled one (2) is listed with no elements and {@code placeholder} set.
   *
   * @param complete {@code IsFinished} is 1: there is nothing older to ask for
   */
  public record GroupHistoryPage(boolean complete, List<GroupHistoryMessage> messages) {
    public GroupHistoryPage {
      messages = List.copyOf(messages);
    }
  }

  /** A message of a group's history; {@code placeholder} is {@code IsPlaceMsg} (0 a normal message). */
  public record GroupHistoryMessage(Message message, int placeholder) {}

  /**
   * A message from the roaming history, with its flags: {@code MsgFlagBits} 8 means recalled;
   * {@code IsPeerRead} says whether the peer has read it.
   */
  public record RoamMessage(Message message, int msgFlagBits, boolean peerRead) {
    public static final int FLAG_RECALLED = 8;

    public boolean recalled() {
      return (msgFlagBits & FLAG_RECALLED) != 0;
    }
  }

  /**
   * One account's answer from {@code query_online_status}: {@code Online}, {@code PushOnline} or
   * {@code Offline}, with per-platform detail when asked for.
   */
  public record OnlineStatus(String account, String status, List<PlatformStatus> detail) {
    public static final String ONLINE = "Online";
    public static final String PUSH_ONLINE = "PushOnline";
    public static final String OFFLINE = "Offline";

    public OnlineStatus {
      detail = detail == null ? List.of() : List.copyOf(detail);
    }

    public boolean online() {
      return ONLINE.equals(status);
    }

    /** One device of an account. */
    public record PlatformStatus(String platform, String status) {}
  }

  /** {@code query_online_status}: the accounts answered, and those that failed ({@code ErrorList}). */
  public record OnlineStatusResult(List<OnlineStatus> statuses, List<ItemResult> errors) {
    public OnlineStatusResult {
      statuses = List.copyOf(statuses);
      errors = List.copyOf(errors);
    }
  }

  /**
   * One account of {@code portrait_get}: its tag values as plain Java values ({@code String},
   * {@code Long}, {@code List} — a tag may be a string, number or array), and the item's own
   * result code.
   */
  public record UserProfile(String account, Map<String, Object> tags, int resultCode) {
    public UserProfile {
      tags = Map.copyOf(tags);
    }

    /** A tag as text, or null when absent. */
    public String tag(String name) {
      Object v = tags.get(name);
      return v == null ? null : v.toString();
    }

    public String nick() {
      return tag(ProfileTags.NICK);
    }

    public String avatar() {
      return tag(ProfileTags.IMAGE);
    }
  }

  /** Standard profile tags ({@code Tag_Profile_IM_*}). */
  public final class ProfileTags {
    public static final String NICK = "Tag_Profile_IM_Nick";
    public static final String GENDER = "Tag_Profile_IM_Gender";
    public static final String BIRTHDAY = "Tag_Profile_IM_BirthDay";
    public static final String LOCATION = "Tag_Profile_IM_Location";
    public static final String SELF_SIGNATURE = "Tag_Profile_IM_SelfSignature";
    public static final String ALLOW_TYPE = "Tag_Profile_IM_AllowType";
    public static final String LANGUAGE = "Tag_Profile_IM_Language";
    public static final String IMAGE = "Tag_Profile_IM_Image";
    public static final String ADMIN_FORBID_TYPE = "Tag_Profile_IM_AdminForbidType";
    public static final String LEVEL = "Tag_Profile_IM_Level";
    public static final String ROLE = "Tag_Profile_IM_Role";

    private ProfileTags() {}
  }

  /** An entry of {@code black_list_get}. */
  public record BlacklistEntry(String account, Instant addedAt) {}

  /**
   * One group of {@code get_group_info}. Each group carries its own {@code ErrorCode} (the
   * top-level one is meaningless for this API); {@code rawJson} keeps every returned field.
   */
  public record GroupInfo(
      String groupId,
      int errorCode,
      String errorInfo,
      String type,
      String name,
      String ownerAccount,
      int memberNum,
      List<String> members,
      String rawJson) {
    public GroupInfo {
      members = members == null ? List.of() : List.copyOf(members);
    }

    public boolean ok() {
      return errorCode == 0;
    }
  }

  /** A group from {@code get_joined_group_list}. Name and type may be null if not returned. */
  public record JoinedGroup(String groupId, String name, String type) {}
}
