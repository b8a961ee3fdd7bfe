package dev.timbot.internal.rest;

import dev.timbot.internal.json.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.RoamMessage;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** C2C messages ({@code openim/*}). */
public final class MessageCalls {
  static final String OPENIM = "openim";
  /** batchsendmsg takes at most 500 recipients. */
  static final int RECIPIENTS_PER_CALL = 500;

  private final RestCaller rest;
  private final Random random;
  private final BotClock clock;

  public MessageCalls(RestCaller rest, Random random, BotClock clock) {
    this.rest = rest;
    this.random = random;
    this.clock = clock;
  }

  /**
   * A positive 31-bit number: the documented type is a u32, and staying below 2^31 keeps it
   * intact for readers that parse it as a signed int.
   */
  long nextU31() {
    return 1 + (random.nextLong() & 0x7FFF_FFFFL) % 0x7FFF_FFFEL;
  }

  public CompletableFuture<SendResult> send(SendMessage m) {
    Objects.requireNonNull(m.to(), "SendMessage.to");
    // Chosen once, before the first attempt: every retry repeats them and is deduplicated.
    long seq = m.msgSeq() != null ? m.msgSeq() : nextU31();
    long rnd = m.msgRandom() != null ? m.msgRandom() : nextU31();
    // Written straight to text (no ObjectNode): the fields and their order are those of batchSend's tree.
    String body = Json.write(g -> {
      Json.writeIfPresent(g, "SyncOtherMachine", m.syncOtherMachine());
      Json.writeIfPresent(g, "From_Account", m.from());
      g.writeStringField("To_Account", m.to());
      Json.writeIfPresent(g, "MsgLifeTime", m.msgLifeTime());
      g.writeNumberField("MsgSeq", seq);
      g.writeNumberField("MsgRandom", rnd);
      if (m.forbidBeforeCallback() || m.forbidAfterCallback()) {
        g.writeArrayFieldStart("ForbidCallbackControl");
        if (m.forbidBeforeCallback()) {
          g.writeString("ForbidBeforeSendMsgCallback");
        }
        if (m.forbidAfterCallback()) {
          g.writeString("ForbidAfterSendMsgCallback");
        }
        g.writeEndArray();
      }
      if (!m.sendMsgControl().isEmpty()) {
        Json.writeStrings(g, "SendMsgControl", m.sendMsgControl());
      }
      Json.writeBody(g, m.elements());
      Json.writeIfPresent(g, "CloudCustomData", m.cloudCustomData());
      if (m.offlinePushInfo() != null) {
        g.writeFieldName("OfflinePushInfo");
        g.writeTree(Json.parseObject(m.offlinePushInfo(), "offlinePushInfo"));
      }
      if (m.needReadReceipt()) {
        g.writeNumberField("IsNeedReadReceipt", 1);
      }
    });
    return rest.call(new RestRequest(OPENIM, "sendmsg", body, true, null))
        .thenApply(
            r ->
                new SendResult(
                    Json.text(r, "MsgKey"), msgTime(r), Json.text(r, "MsgId"), seq, rnd));
  }

  public CompletableFuture<BatchSendResult> batchSend(List<String> to, SendMessage template) {
    List<List<String>> chunks = Batches.partition(to, RECIPIENTS_PER_CALL);
    long seq = template.msgSeq() != null ? template.msgSeq() : nextU31();
    List<CompletableFuture<ChunkOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      List<String> chunk = chunks.get(i);
      // The dedupe key is sender + MsgSeq + MsgRandom + content, without the recipients: each
      // chunk needs its own MsgRandom or the service could drop later chunks as duplicates.
      long rnd =
          template.msgRandom() != null ? (template.msgRandom() + i) & 0xFFFF_FFFFL : nextU31();
      ObjectNode body = Json.object();
      Json.putIfPresent(body, "SyncOtherMachine", template.syncOtherMachine());
      Json.putIfPresent(body, "From_Account", template.from());
      body.set("To_Account", Json.strings(chunk));
      Json.putIfPresent(body, "MsgLifeTime", template.msgLifeTime());
      body.put("MsgSeq", seq);
      body.put("MsgRandom", rnd);
      putCommon(body, template);
      outcomes.add(
          rest.call(RestRequest.of(OPENIM, "batchsendmsg", body))
              .handle((r, error) -> ChunkOutcome.of(chunk, r, error)));
    }
    return Batches.all(outcomes).thenApply(MessageCalls::merge);
  }

  private static BatchSendResult merge(List<ChunkOutcome> outcomes) {
    List<String> keys = new ArrayList<>();
    List<ItemResult> failures = new ArrayList<>();
    ImException first = null;
    boolean anySent = outcomes.isEmpty();
    for (ChunkOutcome o : outcomes) {
      if (o.error() != null) {
        first = first == null ? o.error() : first;
        // A whole chunk failed: each of its recipients failed with the chunk's error.
        o.recipients()
            .forEach(
                to -> failures.add(new ItemResult(to, o.error().errorCode(), o.error().errorInfo())));
        continue;
      }
      anySent = true;
      String key = Json.text(o.answer(), "MsgKey");
      if (key != null) {
        keys.add(key);
      }
      for (JsonNode e : Json.items(o.answer(), "ErrorList")) {
        failures.add(
            new ItemResult(
                Json.text(e, "To_Account"),
                Json.intOr(e, "ErrorCode", 0),
                Json.textOr(e, "ErrorInfo", "")));
      }
    }
    if (!anySent) {
      // Nothing went out: the same error as a single call, not a list of identical failures.
      throw first;
    }
    return new BatchSendResult(keys, failures);
  }

  private record ChunkOutcome(List<String> recipients, ObjectNode answer, ImException error) {
    static ChunkOutcome of(List<String> recipients, ObjectNode answer, Throwable error) {
      if (error == null) {
        return new ChunkOutcome(recipients, answer, null);
      }
      Throwable cause = Failures.unwrap(error);
      ImException im =
          cause instanceof ImException e
              ? e
              : new ImException(ImErrorCodes.NETWORK_ERROR, String.valueOf(cause.getMessage()), cause);
      return new ChunkOutcome(recipients, null, im);
    }
  }

  public CompletableFuture<Void> withdraw(String from, String to, String msgKey) {
    ObjectNode body = Json.object();
    body.put("From_Account", from);
    body.put("To_Account", to);
    body.put("MsgKey", msgKey);
    return rest.call(RestRequest.of(OPENIM, "admin_msgwithdraw", body))
        .handle(
            (r, error) -> {
              if (error == null) {
                return null;
              }
              Throwable cause = Failures.unwrap(error);
              // "Already recalled" is the goal reached, e.g. by an earlier attempt of this call.
              if (cause instanceof ImException e
                  && e.errorCode() == ImErrorCodes.C2C_ALREADY_RECALLED) {
                return null;
              }
              throw cause instanceof RuntimeException re ? re : new ImException(ImErrorCodes.NETWORK_ERROR, "", cause);
            });
  }

  public CompletableFuture<Void> setRead(String reporter, String peer, Instant readTime) {
    ObjectNode body = Json.object();
    body.put("Report_Account", reporter);
    body.put("Peer_Account", peer);
    if (readTime != null) {
      // Documented as a string of UNIX seconds.
      body.put("MsgReadTime", Long.toString(readTime.getEpochSecond()));
    }
    return rest.call(RestRequest.of(OPENIM, "admin_set_msg_read", body)).thenApply(r -> null);
  }

  public CompletableFuture<RoamPage> roam(RoamQuery q) {
    ObjectNode body = Json.object();
    body.put("Operator_Account", q.operator());
    body.put("Peer_Account", q.peer());
    body.put("MaxCnt", q.maxCount());
    body.put("MinTime", q.minTime() == null ? 0 : q.minTime().getEpochSecond());
    body.put("MaxTime", (q.maxTime() == null ? clock.now() : q.maxTime()).getEpochSecond());
    Json.putIfPresent(body, "LastMsgKey", q.lastMsgKey());
    return rest.call(RestRequest.of(OPENIM, "admin_getroammsg", body))
        .thenApply(r -> readRoamPage(q, r));
  }

  private static RoamPage readRoamPage(RoamQuery q, JsonNode r) {
    List<RoamMessage> messages = new ArrayList<>();
    for (JsonNode m : Json.items(r, "MsgList")) {
      Message message =
          Message.builder()
              .conversation(Conversation.c2c(q.peer()))
              .from(Json.textOr(m, "From_Account", ""))
              .to(Json.text(m, "To_Account"))
              .msgKey(Json.text(m, "MsgKey"))
              .msgSeq(Json.longOr(m, "MsgSeq", 0))
              .msgRandom(Json.longOr(m, "MsgRandom", 0))
              .time(Instant.ofEpochSecond(Json.longOr(m, "MsgTimeStamp", 0)))
              .cloudCustomData(Json.text(m, "CloudCustomData"))
              .elements(WireJson.readBody(m.get("MsgBody")))
              .build();
      messages.add(
          new RoamMessage(
              message, Json.intOr(m, "MsgFlagBits", 0), Json.intOr(m, "IsPeerRead", 0) == 1));
    }
    return new RoamPage(
        Json.intOr(r, "Complete", 1) == 1,
        Json.seconds(r, "LastMsgTime"),
        Json.text(r, "LastMsgKey"),
        messages);
  }

  private static Instant msgTime(JsonNode r) {
    Instant t = Json.seconds(r, "MsgTime");
    return t == null ? Instant.EPOCH : t;
  }

  /** The fields sendmsg and batchsendmsg share, in the documented order. */
  private static void putCommon(ObjectNode body, SendMessage m) {
    if (!m.sendMsgControl().isEmpty()) {
      body.set("SendMsgControl", Json.strings(m.sendMsgControl()));
    }
    body.set("MsgBody", WireJson.writeBody(m.elements()));
    Json.putIfPresent(body, "CloudCustomData", m.cloudCustomData());
    if (m.offlinePushInfo() != null) {
      body.set("OfflinePushInfo", Json.parseObject(m.offlinePushInfo(), "offlinePushInfo"));
    }
    if (m.needReadReceipt()) {
      body.put("IsNeedReadReceipt", 1);
    }
  }

  static void forbidCallbacks(ObjectNode body, boolean before, boolean after) {
    if (!before && !after) {
      return;
    }
    ArrayNode forbid = body.putArray("ForbidCallbackControl");
    if (before) {
      forbid.add("ForbidBeforeSendMsgCallback");
    }
    if (after) {
      forbid.add("ForbidAfterSendMsgCallback");
    }
  }
}
