package dev.timbot.test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.spi.BotClock.VirtualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes callback bodies as the service sends them (the documented JSON, with unique, increasing
 * identities), so the test kit's messages take the same path as production: the receiver's
 * checks and parser, then the inbox.
 */
final class CallbackFactory {
  static final String C2C_COMMAND = "C2C.CallbackAfterSendMsg";
  static final String GROUP_COMMAND = "Group.CallbackAfterSendMsg";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String self;
  private final VirtualClock clock;
  private final AtomicLong c2cSeq = new AtomicLong();
  private final Map<String, AtomicLong> groupSeq = new ConcurrentHashMap<>();

  /** One callback: its body and the message the bot will read from it. */
  record Built(String json, Message message) {}

  CallbackFactory(String self, VirtualClock clock) {
    this.self = self;
    this.clock = clock;
  }

  Built c2c(String from, String to, List<MessageElem> body) {
    long seq = c2cSeq.incrementAndGet();
    long random = 100_000 + seq;
    long time = clock.now().getEpochSecond();
    String recipient = to == null ? self : to;
    String msgKey = seq + "_" + random + "_" + time;
    String msgId = "144115-" + time + "-" + seq;
    ObjectNode o = JSON.createObjectNode();
    o.put("CallbackCommand", C2C_COMMAND).put("From_Account", from).put("To_Account", recipient)
        .put("MsgSeq", seq).put("MsgRandom", random).put("MsgTime", time).put("MsgKey", msgKey)
        .put("MsgId", msgId).put("OnlineOnlyFlag", 1).put("SendMsgResult", 0).put("ErrorInfo", "send msg succeed")
        .put("UnreadMsgNum", 1);
    o.set("MsgBody", JSON.valueToTree(body));
    o.put("EventTime", clock.now().toEpochMilli());
    String peer = from.equals(self) ? recipient : from;
    Message m = Message.builder().conversation(Conversation.c2c(peer)).from(from).to(recipient).msgKey(msgKey)
        .msgId(msgId).msgSeq(seq).msgRandom(random).time(Instant.ofEpochSecond(time)).elements(body).build();
    return new Built(o.toString(), m);
  }

  Built group(String groupId, String from, List<MessageElem> body, List<String> mentions) {
    long seq = groupSeq.computeIfAbsent(groupId, g -> new AtomicLong()).incrementAndGet();
    long random = 200_000 + seq;
    long time = clock.now().getEpochSecond();
    ObjectNode o = JSON.createObjectNode();
    o.put("CallbackCommand", GROUP_COMMAND).put("GroupId", groupId).put("Type", "Public")
        .put("From_Account", from).put("Operator_Account", from).put("Random", random).put("MsgSeq", seq)
        .put("MsgTime", time).put("OnlineOnlyFlag", 1);
    o.set("MsgBody", JSON.valueToTree(body));
    if (!mentions.isEmpty()) {
      var at = o.putArray("GroupAtInfo");
      mentions.forEach(a -> at.addObject().put("GroupAt_AllFlag", 0).put("GroupAt_Account", a));
    }
    o.put("EventTime", clock.now().toEpochMilli());
    Message m = Message.builder().conversation(Conversation.group(groupId)).from(from).msgSeq(seq)
        .msgRandom(random).time(Instant.ofEpochSecond(time)).elements(body).atAccounts(mentions).build();
    return new Built(o.toString(), m);
  }

  /** {@code State.StateChange}: {@code action} is {@code Login}, {@code Logout} or {@code Disconnect}. */
  String stateChange(String account, String action, String reason) {
    ObjectNode o = JSON.createObjectNode();
    o.put("CallbackCommand", "State.StateChange").put("EventTime", clock.now().toEpochMilli());
    o.putObject("Info").put("Action", action).put("To_Account", account).put("Reason", reason);
    return o.toString();
  }
}
