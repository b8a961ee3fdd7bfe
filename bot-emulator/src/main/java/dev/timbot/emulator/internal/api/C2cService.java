package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.callback.BeforeAnswer;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.C2cRecord;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.message.MessageElem;
import dev.timbot.emulator.internal.wire.ElemCodec;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * C2C messaging: {@code sendmsg}, {@code batchsendmsg}, {@code importmsg}, roaming history,
 * withdraw, read marks and unread counts, plus the same send/recall/read for console clients.
 */
public final class C2cService {
  static final String SVC = "openim";
  /** The service remembers sender + MsgSeq + MsgRandom + content for 120 s. */
  static final Duration DEDUPE_WINDOW = Duration.ofSeconds(120);
  private static final int MAX_BATCH = 500;
  private static final int ROAM_PAGE_BYTES = 13 * 1024;

  private final Emulator em;
  /** Client sends number their messages per sender, so one sender's history stays in order. */
  private final Map<String, AtomicLong> clientSeq = new ConcurrentHashMap<>();

  public C2cService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "sendmsg", this::sendmsg)
        .add(SVC, "batchsendmsg", this::batchsendmsg)
        .add(SVC, "importmsg", this::importmsg)
        .add(SVC, "admin_getroammsg", this::getroammsg)
        .add(SVC, "admin_msgwithdraw", this::withdrawRest)
        .add(SVC, "admin_set_msg_read", this::setMsgRead)
        .add(SVC, "get_c2c_unread_msg_num", this::unreadNum)
        .add(SVC, "modify_c2c_msg", this::modify);
  }

  /** The result of a send: the stored (or remembered) message, and whether it was delivered. */
  public record Outcome(C2cRecord record, boolean duplicate, boolean dropped) {}

  // --- REST -------------------------------------------------------------------------------------

  private ObjectNode sendmsg(RestCall call) {
    Body b = call.body();
    C2cSend send = parseSend(b, call, b.string(90003, "To_Account"));
    Outcome o = send(send);
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("MsgTime", o.record().msgTime());
    out.put("MsgKey", o.record().msgKey());
    out.put("MsgId", o.record().msgId());
    return out;
  }

  private C2cSend parseSend(Body b, RestCall call, String to) {
    String from = b.optString("From_Account");
    if (from == null || from.isEmpty()) {
      from = call.identifier();
    } else if (!em.accounts.exists(from)) {
      throw new ImError(90008, "From_Account does not exist");
    }
    Long seq = b.optLong(90004, "MsgSeq");
    if (seq != null && (seq < 0 || seq > 0xFFFF_FFFFL)) {
      throw new ImError(90004, "MsgSeq must be a 32-bit unsigned integer");
    }
    Long random = b.optLong(90005, "MsgRandom");
    if (random == null || random < 0 || random > 0xFFFF_FFFFL) {
      throw new ImError(90005, "MsgRandom is missing or not a 32-bit unsigned integer");
    }
    Long lifeTime = b.optLong(90044, "MsgLifeTime");
    if (lifeTime != null && (lifeTime < 0 || lifeTime > 604800)) {
      throw new ImError(90026, "MsgLifeTime must be within 7 days");
    }
    Long sync = b.optLong(90031, "SyncOtherMachine");
    int onlineOnly = b.optInt(90001, 0, "OnlineOnlyFlag");
    List<MessageElem> body = Messages.parseBody(b.get("MsgBody"), 90002, 90007, 90010);
    String ccd = b.optString("CloudCustomData");
    if (Messages.size(body, ccd) > em.config.maxMessageBytes()) {
      throw new ImError(93000, "JSON body too long: a message may be at most "
          + em.config.maxMessageBytes() + " bytes");
    }
    List<String> forbid = b.stringList(90001, "ForbidCallbackControl");
    List<String> control = b.stringList(90001, "SendMsgControl");
    boolean store = !(lifeTime != null && lifeTime == 0) && onlineOnly != 1;
    int receipt = b.optInt(90001, 0, "IsNeedReadReceipt");
    return new C2cSend(
        from, to, seq, random, em.mediaLinker.link(body), ccd, store,
        sync != null && sync == 2, !control.contains("NoUnread"),
        forbid.contains("ForbidBeforeSendMsgCallback"), forbid.contains("ForbidAfterSendMsgCallback"),
        call.clientIp(), "RESTAPI", false, receipt == 1);
  }

  private ObjectNode batchsendmsg(RestCall call) {
    Body b = call.body();
    List<String> to = b.stringList(90003, "To_Account");
    if (to.isEmpty()) {
      throw new ImError(90001, "To_Account is empty");
    }
    if (to.size() > MAX_BATCH) {
      throw new ImError(90011, "more than 500 recipients");
    }
    C2cSend template = parseSend(b, call, to.get(0));
    long time = em.nowSeconds();
    long seq = template.msgSeq() != null ? template.msgSeq() : Messages.randomU32();
    String msgKey = seq + "_" + template.msgRandom() + "_" + time;
    ArrayNode errors = Wire.mapper().createArrayNode();
    int ok = 0;
    for (String recipient : to) {
      if (!em.accounts.exists(recipient)) {
        ObjectNode e = errors.addObject();
        e.put("To_Account", recipient);
        e.put("ErrorCode", 70107);
        continue;
      }
      // No callbacks and no relationship checks for batch sends (documented).
      C2cRecord r = new C2cRecord(em.c2c.nextSerial(), template.from(), recipient, seq,
          template.msgRandom(), time, msgKey, em.newMsgId(time, template.msgRandom()),
          template.body(), template.cloudCustomData(), template.hiddenFromSender(),
          template.countsUnread(), false);
      em.c2c.add(r, null, 0, 0, template.store());
      if (template.needReadReceipt()) {
        em.c2c.wantReadReceipt(r);
      }
      deliver(r);
      ok++;
    }
    if (ok == 0) {
      throw new ImError(90012, "invalid To_Account");
    }
    ObjectNode out = Wire.mapper().createObjectNode();
    if (!errors.isEmpty()) {
      out.put("ActionStatus", "SomeError");
    }
    out.put("MsgKey", msgKey);
    if (!errors.isEmpty()) {
      out.set("ErrorList", errors);
    }
    return out;
  }

  private ObjectNode importmsg(RestCall call) {
    Body b = call.body();
    Long mode = b.optLong(90030, "SyncFromOldSystem");
    if (mode == null || (mode != 2 && mode != 5)) {
      throw new ImError(90030, "SyncFromOldSystem must be 2 or 5");
    }
    String from = b.string(90008, "From_Account");
    if (!em.accounts.exists(from)) {
      throw new ImError(90008, "From_Account does not exist");
    }
    String to = b.string(90003, "To_Account");
    if (!em.accounts.exists(to)) {
      throw new ImError(90012, "To_Account is not registered");
    }
    Long time = b.optLong(90006, "MsgTimeStamp");
    if (time == null) {
      throw new ImError(90006, "MsgTimeStamp is missing");
    }
    Long random = b.optLong(90005, "MsgRandom");
    if (random == null) {
      throw new ImError(90005, "MsgRandom is missing");
    }
    Long seqOpt = b.optLong(90004, "MsgSeq");
    long seq = seqOpt != null ? seqOpt : Messages.randomU32();
    List<MessageElem> body = em.mediaLinker.link(Messages.parseBody(b.get("MsgBody"), 90002, 90007, 90010));
    // First import wins; a duplicate (also with from/to swapped) is accepted and ignored.
    if (!em.c2c.markImported(from, to, seq, random, time)) {
      return Wire.mapper().createObjectNode();
    }
    C2cRecord r = new C2cRecord(em.c2c.nextSerial(), from, to, seq, random, time,
        seq + "_" + random + "_" + time, em.newMsgId(time, random), body,
        b.optString("CloudCustomData"), false, mode == 5, false);
    em.c2c.add(r, null, 0, 0, true);
    if (mode == 5) {
      deliver(r);
    }
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode getroammsg(RestCall call) {
    Body b = call.body();
    // The page's first version named these From_Account / To_Account, and the community SDK
    // (doocs 0.3.x) still sends those: the one pair of old names the emulator keeps accepting.
    String op = b.string(90008, b.has("Operator_Account") ? "Operator_Account" : "From_Account");
    String peer = b.string(90003, b.has("Peer_Account") ? "Peer_Account" : "To_Account");
    if (!em.accounts.exists(op)) {
      throw new ImError(90008, "Operator_Account does not exist");
    }
    int max = b.optInt(90001, 100, "MaxCnt");
    max = Math.max(1, Math.min(max, 100));
    long minTime = b.optLong(90001, "MinTime") == null ? 0 : b.optLong(90001, "MinTime");
    long maxTime = b.optLong(90001, "MaxTime") == null ? Long.MAX_VALUE : b.optLong(90001, "MaxTime");
    String lastKey = b.optString("LastMsgKey");

    List<C2cRecord> all = em.c2c.conversation(op, peer);
    List<C2cRecord> newestFirst = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      C2cRecord r = all.get(i);
      if (r.visibleTo(op) && r.msgTime() >= minTime && r.msgTime() <= maxTime) {
        newestFirst.add(r);
      }
    }
    int start = 0;
    if (lastKey != null && !lastKey.isEmpty()) {
      for (int i = 0; i < newestFirst.size(); i++) {
        if (newestFirst.get(i).msgKey().equals(lastKey)) {
          start = i + 1;
          break;
        }
      }
    }
    ArrayNode list = Wire.mapper().createArrayNode();
    int bytes = 0;
    int i = start;
    C2cRecord last = null;
    for (; i < newestFirst.size() && list.size() < max; i++) {
      C2cRecord r = newestFirst.get(i);
      ObjectNode item = roamItem(r);
      int size = item.toString().getBytes(StandardCharsets.UTF_8).length;
      if (!list.isEmpty() && bytes + size > ROAM_PAGE_BYTES) {
        break;
      }
      bytes += size;
      list.add(item);
      last = r;
    }
    // Pages walk back in time, but each page lists its messages oldest first, and LastMsgTime /
    // LastMsgKey name the page's oldest (the documented example: its first item is LastMsgKey).
    ArrayNode oldestFirst = Wire.array();
    for (int k = list.size() - 1; k >= 0; k--) {
      oldestFirst.add(list.get(k));
    }
    list = oldestFirst;
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("Complete", i >= newestFirst.size() ? 1 : 0);
    out.put("MsgCnt", list.size());
    if (last != null) {
      out.put("LastMsgTime", last.msgTime());
      out.put("LastMsgKey", last.msgKey());
    }
    out.set("MsgList", list);
    return out;
  }

  private ObjectNode roamItem(C2cRecord r) {
    ObjectNode item = Wire.mapper().createObjectNode();
    item.put("From_Account", r.from());
    item.put("To_Account", r.to());
    item.put("MsgSeq", r.msgSeq());
    item.put("MsgRandom", r.msgRandom());
    item.put("MsgTimeStamp", r.msgTime());
    item.put("MsgFlagBits", r.msgFlagBits());
    item.put("IsPeerRead", em.c2c.hasReadReceipt(r) ? 1 : 0);
    item.put("MsgKey", r.msgKey());
    item.put("MsgId", r.msgId());
    // A recalled message stays in the list (MsgFlagBits 8) but its content is gone.
    item.set("MsgBody", r.recalled() ? Wire.mapper().createArrayNode() : ElemCodec.write(r.body()));
    if (r.cloudCustomData() != null && !r.recalled()) {
      item.put("CloudCustomData", r.cloudCustomData());
    }
    return item;
  }

  private ObjectNode withdrawRest(RestCall call) {
    Body b = call.body();
    String from = b.string(90008, "From_Account");
    String to = b.string(90003, "To_Account");
    String key = b.optString("MsgKey");
    if (key == null || key.isEmpty() || key.length() > 50) {
      throw new ImError(90054, "MsgKey is invalid");
    }
    withdraw(from, to, key, call.clientIp(), "RESTAPI");
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode setMsgRead(RestCall call) {
    Body b = call.body();
    String reporter = b.string(90008, "Report_Account");
    String peer = b.string(90003, "Peer_Account");
    if (!em.accounts.exists(reporter)) {
      throw new ImError(90008, "Report_Account does not exist");
    }
    if (!em.accounts.exists(peer)) {
      throw new ImError(90003, "Peer_Account does not exist");
    }
    // Documented as a String of UNIX seconds; an integer is read too.
    JsonNode rt = b.get("MsgReadTime");
    Long readTime = null;
    if (rt != null) {
      if (rt.isTextual() && rt.asText().matches("\\d{1,10}")) {
        readTime = Long.parseLong(rt.asText());
      } else if (rt.isIntegralNumber() && rt.canConvertToLong()) {
        readTime = rt.asLong();
      } else {
        throw new ImError(90001, "MsgReadTime must be UNIX seconds");
      }
    }
    markRead(reporter, peer, readTime == null ? em.nowSeconds() : readTime, call.clientIp(), "RESTAPI");
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode unreadNum(RestCall call) {
    Body b = call.body();
    String user = b.string(90003, "To_Account");
    if (!em.accounts.exists(user)) {
      throw new ImError(90003, "To_Account does not exist");
    }
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("AllC2CUnreadMsgNum", em.c2c.totalUnread(user));
    List<String> peers = b.stringList(90001, "Peer_Account");
    if (peers.size() > 10) {
      throw new ImError(90001, "at most 10 Peer_Account");
    }
    if (!peers.isEmpty()) {
      ArrayNode list = out.putArray("C2CUnreadMsgNumList");
      ArrayNode errors = Wire.mapper().createArrayNode();
      for (String p : peers) {
        if (!em.accounts.exists(p)) {
          errors.addObject().put("Peer_Account", p).put("ErrorCode", 70107);
        } else {
          list.addObject().put("Peer_Account", p).put("C2CUnreadMsgNum", em.c2c.unread(user, p));
        }
      }
      if (!errors.isEmpty()) {
        out.set("ErrorList", errors);
      }
    }
    return out;
  }

  private ObjectNode modify(RestCall call) {
    Body b = call.body();
    String from = b.string(90008, "From_Account");
    String to = b.string(90003, "To_Account");
    String key = b.string(90054, "MsgKey");
    JsonNode bodyNode = b.get("MsgBody");
    List<MessageElem> body = bodyNode == null ? null : Messages.parseBody(bodyNode, 90002, 90007, 90010);
    String ccd = b.optString("CloudCustomData");
    em.c2c.update(from, to, key, r -> r.withContent(body == null ? r.body() : em.mediaLinker.link(body),
            ccd == null ? r.cloudCustomData() : ccd))
        .orElseThrow(() -> new ImError(20022, "message not found"));
    return Wire.mapper().createObjectNode();
  }

  // --- shared with console clients --------------------------------------------------------------

  /** Sends one C2C message through dedupe, relationship checks, callbacks, storage and delivery. */
  public Outcome send(C2cSend s) {
    if (!em.accounts.exists(s.to())) {
      throw new ImError(90012, "To_Account is not registered");
    }
    if (s.clientPath()) {
      checkRelationship(s.from(), s.to());
    }
    long seq = s.msgSeq() != null ? s.msgSeq()
        : s.clientPath() ? clientSeq.computeIfAbsent(s.from(), k -> new AtomicLong(Messages.randomU32() & 0xFFFFF)).incrementAndGet()
        : Messages.randomU32();
    long nowNanos = em.clock.nanoTime();
    String dedupeKey = s.from() + "|" + seq + "|" + s.msgRandom() + "|" + Messages.crc(s.body());
    var remembered = em.c2c.recall(dedupeKey, nowNanos);
    if (remembered.isPresent()) {
      return new Outcome(remembered.get(), true, false);
    }
    long time = em.nowSeconds();
    C2cRecord record = new C2cRecord(em.c2c.nextSerial(), s.from(), s.to(), seq, s.msgRandom(), time,
        seq + "_" + s.msgRandom() + "_" + time, em.newMsgId(time, s.msgRandom()), s.body(),
        s.cloudCustomData(), s.hiddenFromSender(), s.countsUnread(), false);
    int onlineOnly = s.store() ? 0 : 1;

    if (!s.forbidBefore()) {
      BeforeAnswer a = em.callbacks.before(Commands.C2C_BEFORE_SEND_MSG,
          payload(Commands.C2C_BEFORE_SEND_MSG, record, onlineOnly, null, null, null),
          s.clientIp(), s.optPlatform(), 120001, 130000);
      switch (a.verdict()) {
        case REJECT -> throw a.errorCode() == 1
            ? new ImError(20006, "message rejected by the before-send callback")
            : new ImError(a.errorCode(), a.errorInfo());
        case DROP -> {
          // Silently dropped: the sender is told it worked; nobody receives it.
          C2cRecord kept = em.c2c.add(record, dedupeKey, nowNanos, DEDUPE_WINDOW.toNanos(), false);
          return new Outcome(kept, kept != record, true);
        }
        case ALLOW -> {
          if (a.msgBody() != null || a.cloudCustomData() != null) {
            List<MessageElem> body = a.msgBody() != null
                ? em.mediaLinker.link(Messages.parseBody(a.msgBody(), 90002, 90007, 90010)) : record.body();
            record = record.withContent(body, a.cloudCustomData() != null ? a.cloudCustomData() : record.cloudCustomData());
          }
        }
      }
    }
    C2cRecord stored = em.c2c.add(record, dedupeKey, nowNanos, DEDUPE_WINDOW.toNanos(), s.store());
    if (stored != record) {
      return new Outcome(stored, true, false);
    }
    if (s.needReadReceipt()) {
      em.c2c.wantReadReceipt(record);
    }
    deliver(record);
    String lane = lane(record.from(), record.to());
    int unread = em.c2c.totalUnread(record.to());
    if (!s.forbidAfter()) {
      em.callbacks.after(lane, Commands.C2C_AFTER_SEND_MSG,
          payload(Commands.C2C_AFTER_SEND_MSG, record, onlineOnly, 0, "send msg succeed", unread),
          s.clientIp(), s.optPlatform());
    }
    if (em.accounts.isActiveRobot(record.to())) {
      em.callbacks.warnIfNobodyListens(record.to());
      em.callbacks.after(lane, Commands.BOT_ON_C2C_MESSAGE,
          payload(Commands.BOT_ON_C2C_MESSAGE, record, onlineOnly, 0, "send msg succeed", unread),
          s.clientIp(), s.optPlatform());
    }
    return new Outcome(record, false, false);
  }

  /** Client sends: the recipient's blacklist (20007) and, if enabled, friendship (20009). */
  private void checkRelationship(String from, String to) {
    if (em.relations.isBlocked(to, from)) {
      throw new ImError(20007, "the recipient has blacklisted the sender");
    }
    if (em.config.requireFriendship()
        && !em.accounts.isActiveRobot(to) && !em.accounts.isActiveRobot(from)
        && !(em.relations.isFriend(from, to) && em.relations.isFriend(to, from))) {
      throw new ImError(20009, "the two accounts are not friends");
    }
  }

  /** Recalls {@code msgKey} as the admin: no time limit (documented for admin_msgwithdraw). */
  public void withdraw(String from, String to, String msgKey, String clientIp, String platform) {
    withdraw(from, to, msgKey, clientIp, platform, null);
  }

  /**
   * Recalls {@code msgKey}; {@code clientLimit} non-null = the sender's own client recalling,
   * allowed only within that limit (20016).
   */
  public void withdraw(String from, String to, String msgKey, String clientIp, String platform, Duration clientLimit) {
    C2cRecord r = em.c2c.find(from, to, msgKey)
        .filter(x -> x.from().equals(from) && x.to().equals(to))
        .orElseThrow(() -> new ImError(20022, "the message to recall does not exist"));
    if (r.recalled()) {
      throw new ImError(20023, "the message has already been recalled");
    }
    if (clientLimit != null && em.nowSeconds() - r.msgTime() > clientLimit.toSeconds()) {
      throw new ImError(20016, "the recall time limit has passed");
    }
    C2cRecord recalled = em.c2c.update(from, to, msgKey, C2cRecord::asRecalled).orElseThrow();
    em.clients.recalled(to, Messages.view(recalled, to, em.c2c.isPeerRead(recalled)));
    if (!from.equals(to)) {
      em.clients.recalled(from, Messages.view(recalled, from, em.c2c.isPeerRead(recalled)));
    }
    em.callbacks.after(lane(from, to), Commands.C2C_AFTER_MSG_WITHDRAW,
        Payloads.msgWithdraw(from, to, msgKey, em.c2c.totalUnread(to), em.eventTime()),
        clientIp, platform);
  }

  /** {@code reader} read {@code peer}'s messages up to {@code upToTime}; the peer sees a receipt. */
  public void markRead(String reader, String peer, long upToTime, String clientIp, String platform) {
    em.c2c.markRead(reader, peer, upToTime);
    em.clients.peerRead(peer, reader, upToTime);
    em.callbacks.after(lane(reader, peer), Commands.C2C_AFTER_MSG_REPORT,
        Payloads.msgReport(reader, peer, upToTime, em.c2c.totalUnread(reader), em.eventTime()),
        clientIp, platform);
  }

  /** {@code reader} sends a read receipt for one message of {@code peer} (sets IsPeerRead). */
  public boolean readReceipt(String reader, String peer, String msgKey) {
    return em.c2c.addReadReceipt(reader, peer, msgKey)
        .orElseThrow(() -> new ImError(20022, "the message to acknowledge does not exist"));
  }

  private void deliver(C2cRecord r) {
    em.clients.message(r.to(), Messages.view(r, r.to(), false));
    if (!r.from().equals(r.to()) && r.visibleTo(r.from())) {
      em.clients.message(r.from(), Messages.view(r, r.from(), false));
    }
  }

  private ObjectNode payload(String cmd, C2cRecord r, int onlineOnly, Integer result,
      String info, Integer unread) {
    return Payloads.c2cMessage(new Payloads.C2cFields(cmd, r.from(), r.to(), r.msgSeq(), r.msgRandom(),
        r.msgTime(), r.msgKey(), r.msgId(), onlineOnly, ElemCodec.write(r.body()), r.cloudCustomData()),
        result, info, unread, em.eventTime());
  }

  static String lane(String a, String b) {
    return a.compareTo(b) <= 0 ? "c2c:" + a + "|" + b : "c2c:" + b + "|" + a;
  }

  /** The conversation, oldest first, as {@code viewer} sees it. */
  public List<C2cRecord> history(String viewer, String peer) {
    return em.c2c.conversation(viewer, peer).stream().filter(r -> r.visibleTo(viewer)).toList();
  }

}
