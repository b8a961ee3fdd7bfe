package dev.timbot.emulator.internal.api;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sending C2C messages: {@code sendmsg}, {@code batchsendmsg}, {@code importmsg}, and a console
 * client's send, through dedupe, relationship checks, callbacks, storage and delivery. History,
 * recall and read state are {@link C2cHistoryService}'s, {@link C2cRecallService}'s and {@link
 * C2cReadService}'s.
 */
public final class C2cSendService {
  static final String SVC = "openim";
  /** The service remembers sender + MsgSeq + MsgRandom + content for 120 s. */
  static final Duration DEDUPE_WINDOW = Duration.ofSeconds(120);
  private static final int MAX_BATCH = 500;

  private final Emulator em;
  /** Client sends number their messages per sender, so one sender's history stays in order. */
  private final Map<String, AtomicLong> clientSeq = new ConcurrentHashMap<>();

  public C2cSendService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "sendmsg", this::sendmsg)
        .add(SVC, "batchsendmsg", this::batchsendmsg)
        .add(SVC, "importmsg", this::importmsg);
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

  /** The callback lane of a pair: every C2C callback of two accounts goes out in one order. */
  static String lane(String a, String b) {
    return a.compareTo(b) <= 0 ? "c2c:" + a + "|" + b : "c2c:" + b + "|" + a;
  }
}
