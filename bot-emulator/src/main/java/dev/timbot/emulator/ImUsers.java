package dev.timbot.emulator;

import dev.timbot.emulator.internal.api.Messages;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.api.AccountService;
import dev.timbot.emulator.internal.api.ApiServices;
import dev.timbot.emulator.internal.api.C2cSend;
import dev.timbot.emulator.internal.api.C2cHistoryService;
import dev.timbot.emulator.internal.api.C2cReadService;
import dev.timbot.emulator.internal.api.C2cRecallService;
import dev.timbot.emulator.internal.api.C2cSendService;
import dev.timbot.emulator.internal.api.GroupMemberService;
import dev.timbot.emulator.internal.api.GroupMessageService;
import dev.timbot.emulator.internal.media.MediaItem;
import dev.timbot.emulator.internal.store.C2cRecord;
import dev.timbot.emulator.internal.store.Group;
import dev.timbot.emulator.internal.store.GroupRecord;
import dev.timbot.emulator.ImError;
import dev.timbot.message.Conversation;
import dev.timbot.message.FileElem;
import dev.timbot.message.MessageElem;
import dev.timbot.emulator.GroupAt;
import dev.timbot.emulator.internal.wire.TlsSigV2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The client side of the emulator: what a person in the browser console (or a test playing a
 * user) does — log in, send as that user, recall their own message, report a conversation read,
 * list conversations with unread counts, read history, upload media and listen for live events.
 *
 * <p>Client sends differ from REST {@code sendmsg} exactly as in the service: the recipient's
 * blacklist applies (20007), friendship too when the app requires it (20009), before-callbacks
 * run with {@code OptPlatform=Web}, and a user may recall only their own message within two
 * minutes (20016 / 10031). Failures are {@link ImError}s with the service's codes.
 */
public final class ImUsers {
  private static final Duration SIG_VALIDITY = Duration.ofDays(7);
  private static final String PLATFORM = "Web";
  private static final String CLIENT_IP = "127.0.0.1";

  private final Emulator em;
  private final C2cSendService c2c;
  private final C2cRecallService c2cRecall;
  private final C2cReadService c2cRead;
  private final C2cHistoryService c2cHistory;
  private final GroupMessageService groups;
  private final GroupMemberService groupMembers;
  private final AccountService accounts;

  ImUsers(Emulator em, ApiServices api) {
    this.em = em;
    this.c2c = api.c2cSend();
    this.c2cRecall = api.c2cRecall();
    this.c2cRead = api.c2cRead();
    this.c2cHistory = api.c2cHistory();
    this.groups = api.groupMessages();
    this.groupMembers = api.groupMembers();
    this.accounts = api.accounts();
  }

  // --- session ---------------------------------------------------------------------------------

  /**
   * Logs {@code userId} in from the console: imports the account if needed, generates its
   * UserSig, marks it online on {@code Web} and fires {@code State.StateChange Login/Register}.
   */
  public UserLogin login(String userId) {
    if (userId == null || userId.isBlank() || userId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 32) {
      throw new ImError(70402, "UserID must be 1 to 32 bytes");
    }
    if (userId.equals(em.config.admin())) {
      // Its UserSig would also open the admin REST API: the console never hands one out.
      throw new ImError(70402, "the App administrator cannot log in as a user");
    }
    em.accounts.importAccount(userId, em.nowSeconds());
    String sig = TlsSigV2.generate(em.config.sdkAppId(), em.config.secretKey(), userId,
        em.nowSeconds(), SIG_VALIDITY.toSeconds());
    em.accounts.setPresence(userId, PLATFORM, "Online");
    accounts.stateChange(userId, "Login", "Register", PLATFORM);
    return new UserLogin(em.config.sdkAppId(), userId, sig);
  }

  /**
   * Checks a client's UserSig (the WebSocket handshake will call this): the real verification,
   * and sigs issued before the account's last {@code kick} are refused (70001-style expiry).
   */
  public void verify(String userId, String userSig) {
    long issued = TlsSigV2.verify(userSig, em.config.sdkAppId(), userId, em.config.secretKey(), em.nowSeconds());
    if (issued < em.accounts.kickedAt(userId)) {
      throw new ImError(70001, "UserSig was invalidated by kick");
    }
    if (!em.accounts.exists(userId)) {
      throw new ImError(70107, "account does not exist");
    }
  }

  /** The user logged out ({@code State.StateChange Logout/Unregister}). */
  public void logout(String userId) {
    em.accounts.setPresence(userId, PLATFORM, null);
    accounts.stateChange(userId, "Logout", "Unregister", PLATFORM);
  }

  /** The user's connection dropped, e.g. the tab closed ({@code Disconnect/LinkClose}). */
  public void disconnect(String userId) {
    em.accounts.setPresence(userId, PLATFORM, null);
    accounts.stateChange(userId, "Disconnect", "LinkClose", PLATFORM);
  }

  /** Live events for {@code userId}; close the handle to stop. */
  public AutoCloseable subscribe(String userId, ImUserListener listener) {
    return em.clients.subscribe(userId, listener);
  }

  // --- messages --------------------------------------------------------------------------------

  /** Sends a C2C message as {@code from} (client path). */
  public ClientMessage sendC2C(String from, String to, List<MessageElem> body, String cloudCustomData) {
    requireAccount(from);
    List<MessageElem> linked = em.mediaLinker.link(body);
    C2cSendService.Outcome o = c2c.send(new C2cSend(from, to, null, Messages.randomU32(), linked, cloudCustomData,
        true, false, true, false, false, CLIENT_IP, PLATFORM, true, false));
    C2cRecord r = o.record();
    return new ClientMessage("C2C" + to, r.from(), r.to(), null, r.msgKey(), r.msgId(), r.msgSeq(),
        r.msgRandom(), r.msgTime(), r.body(), r.cloudCustomData(), false, false);
  }

  /** Sends a group message as {@code from}; {@code at} may be empty. */
  public ClientMessage sendGroup(String from, String groupId, List<MessageElem> body,
      String cloudCustomData, List<GroupAt> at) {
    requireAccount(from);
    GroupMessageService.Outcome o = groups.send(groupId, null, from, from, Messages.randomU32(), em.mediaLinker.link(body),
        cloudCustomData, at == null ? List.of() : at, 0, false, false, CLIENT_IP, PLATFORM, true);
    if (o.dropReason() != null) {
      throw new ImError(10023, "group message rate limit exceeded");
    }
    GroupRecord r = o.record();
    return new ClientMessage("GROUP" + groupId, r.from(), null, groupId, null, null, r.msgSeq(),
        r.random(), r.msgTime(), r.body(), r.cloudCustomData(), false, false);
  }

  /** Sends to a conversation by TIM SDK ID ({@code C2C<peer>} / {@code GROUP<groupId>}). */
  public ClientMessage send(String from, String conversationId, List<MessageElem> body) {
    Conversation c = Conversation.parse(conversationId);
    return c.isGroup() ? sendGroup(from, c.id(), body, null, List.of()) : sendC2C(from, c.id(), body, null);
  }

  /** Recalls the user's own C2C message within the limit (20016 after it). */
  public void recallC2C(String user, String peer, String msgKey) {
    c2cRecall.withdraw(user, peer, msgKey, CLIENT_IP, PLATFORM, em.config.clientRecallLimit());
  }

  /** Recalls the user's own group message within the limit (10031 after it). */
  public void recallGroup(String user, String groupId, long msgSeq) {
    Group g = em.groups.snapshot(groupId).orElseThrow(() -> new ImError(10010, "group not found"));
    GroupRecord r = g.messages().stream().filter(m -> m.msgSeq() == msgSeq).findFirst()
        .orElseThrow(() -> new ImError(10030, "message not found"));
    if (!r.from().equals(user)) {
      throw new ImError(10007, "only the sender may recall this message");
    }
    if (em.nowSeconds() - r.msgTime() > em.config.clientRecallLimit().toSeconds()) {
      throw new ImError(10031, "the recall time limit has passed");
    }
    groups.recall(groupId, List.of(msgSeq), user, CLIENT_IP, PLATFORM);
  }

  /**
   * {@code user} sends a per-message read receipt for {@code msgKey} in a C2C conversation (the
   * SDKs' {@code sendMessageReadReceipts}): only this sets the REST {@code IsPeerRead}, and only
   * for a message sent with {@code IsNeedReadReceipt: 1}. Returns false (nothing recorded) for a
   * message that asked for no receipt.
   */
  public boolean sendReadReceipt(String user, String conversationId, String msgKey) {
    Conversation c = Conversation.parse(conversationId);
    if (c.isGroup()) {
      throw new ImError(10004, "group read receipts are not emulated");
    }
    return c2cRead.readReceipt(user, c.id(), msgKey);
  }

  /** Reports {@code conversationId} read up to now (the peer's client shows it read). */
  public void markRead(String user, String conversationId) {
    Conversation c = Conversation.parse(conversationId);
    if (c.isGroup()) {
      groups.markRead(c.id(), user);
    } else {
      c2cRead.markRead(user, c.id(), em.nowSeconds(), CLIENT_IP, PLATFORM);
    }
  }

  /** Joins a {@code FreeAccess} group ({@code Group.CallbackAfterNewMemberJoin}, JoinType Apply). */
  public void joinGroup(String user, String groupId) {
    requireAccount(user);
    groupMembers.join(groupId, user, CLIENT_IP, PLATFORM);
  }

  /** Leaves a group ({@code Group.CallbackAfterMemberExit}, ExitType Quit). */
  public void quitGroup(String user, String groupId) {
    groupMembers.quit(groupId, user, CLIENT_IP, PLATFORM);
  }

  // --- views -----------------------------------------------------------------------------------

  /** The user's conversations, newest activity first, with unread counts. */
  public List<ConversationSummary> conversations(String user) {
    List<ConversationSummary> out = new ArrayList<>();
    for (String peer : em.c2c.peers(user)) {
      List<C2cRecord> h = c2cHistory.history(user, peer);
      if (h.isEmpty()) {
        continue;
      }
      C2cRecord last = h.get(h.size() - 1);
      out.add(new ConversationSummary("C2C" + peer, peer, nick(peer), em.c2c.unread(user, peer),
          view(last, user)));
    }
    for (Group g : em.groups.joinedBy(user)) {
      List<GroupRecord> msgs = g.messages();
      long readSeq = g.members.get(user).readSeq;
      int unread = (int) msgs.stream()
          .filter(m -> m.msgSeq() > readSeq && !m.from().equals(user) && !m.recalled()).count();
      ClientMessage last = msgs.isEmpty() ? null : Messages.view(msgs.get(msgs.size() - 1));
      out.add(new ConversationSummary("GROUP" + g.groupId, g.groupId, g.name == null ? g.groupId : g.name,
          unread, last));
    }
    out.sort(Comparator.comparingLong((ConversationSummary s) -> s.lastMessage() == null ? 0 : s.lastMessage().time())
        .reversed());
    return out;
  }

  /** The newest {@code max} messages of a conversation, oldest first. */
  public List<ClientMessage> history(String user, String conversationId, int max) {
    Conversation c = Conversation.parse(conversationId);
    List<ClientMessage> all = new ArrayList<>();
    if (c.isGroup()) {
      Group g = em.groups.snapshot(c.id()).orElseThrow(() -> new ImError(10010, "group not found"));
      if (!g.isMember(user)) {
        throw new ImError(10007, "not a member of the group");
      }
      g.messages().forEach(m -> all.add(Messages.view(m)));
    } else {
      c2cHistory.history(user, c.id()).forEach(r -> all.add(view(r, user)));
    }
    return all.subList(Math.max(0, all.size() - Math.max(0, max)), all.size());
  }

  /** Every account (robots included), for a "start a chat with…" picker. */
  public List<String> accounts() {
    return em.accounts.all();
  }

  /** The account's nick ({@code Tag_Profile_IM_Nick}), or its ID when it has none. */
  public String displayName(String userId) {
    return nick(userId);
  }

  /** Total unread C2C messages of {@code user}. */
  public int unreadC2C(String user) {
    return em.c2c.totalUnread(user);
  }

  // --- media -----------------------------------------------------------------------------------

  /**
   * Stores an upload and returns the element to send: a {@code TIMImageElem} with its three
   * renditions for images, a {@code TIMFileElem} with a download URL for anything else.
   */
  public MessageElem upload(byte[] data, String fileName, String contentType) {
    if (data.length == 0 || data.length > dev.timbot.emulator.internal.media.MediaStore.MAX_BYTES) {
      throw new ImError(70402, "file must be 1 byte to 32 MB");
    }
    MediaItem m = em.media.put(data, fileName, contentType);
    if (m == null) {
      throw new ImError(70500, "media storage is full");
    }
    if (m.isImage()) {
      return em.mediaLinker.imageElem(m);
    }
    return FileElem.of(em.mediaLinker.url(m, null), m.id(), m.size(), m.fileName());
  }

  // --- helpers ---------------------------------------------------------------------------------

  private ClientMessage view(C2cRecord r, String viewer) {
    return Messages.view(r, viewer, em.c2c.isPeerRead(r));
  }

  private String nick(String user) {
    var v = em.profiles.get(user).get("Tag_Profile_IM_Nick");
    return v == null || v.asText().isEmpty() ? user : v.asText();
  }

  private void requireAccount(String user) {
    if (!em.accounts.exists(user)) {
      throw new ImError(20003, "sender is not an imported account");
    }
  }

}
