package dev.timbot.emulator.internal.console;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ConversationSummary;
import dev.timbot.emulator.internal.wire.ElemCodec;
import dev.timbot.emulator.internal.wire.Wire;
import java.util.List;

/**
 * The console's JSON shapes for messages and conversation rows. Message bodies stay in the wire
 * format ({@code MsgType}/{@code MsgContent}), so the browser renders exactly what a bot sent.
 */
final class ConsoleJson {
  private ConsoleJson() {}

  static ObjectMapper mapper() {
    return Wire.mapper();
  }

  static ObjectNode op(String op) {
    ObjectNode o = mapper().createObjectNode();
    o.put("op", op);
    return o;
  }

  /**
   * A stable per-conversation key the browser uses to upsert a message seen twice (the send
   * reply and the live echo): the C2C {@code MsgKey}, or {@code seq:<MsgSeq>} in a group.
   */
  static String key(ClientMessage m) {
    return m.msgKey() != null ? m.msgKey() : "seq:" + m.msgSeq();
  }

  static ObjectNode message(ClientMessage m) {
    ObjectNode o = mapper().createObjectNode();
    o.put("key", key(m));
    o.put("conversationId", m.conversationId());
    o.put("type", m.isGroup() ? "GROUP" : "C2C");
    o.put("from", m.from());
    if (m.to() != null) {
      o.put("to", m.to());
    }
    if (m.groupId() != null) {
      o.put("groupId", m.groupId());
    }
    if (m.msgKey() != null) {
      o.put("msgKey", m.msgKey());
    }
    if (m.msgId() != null) {
      o.put("msgId", m.msgId());
    }
    o.put("msgSeq", m.msgSeq());
    o.put("msgRandom", m.msgRandom());
    o.put("time", m.time());
    o.set("body", ElemCodec.write(m.body()));
    if (m.cloudCustomData() != null) {
      o.put("cloudCustomData", m.cloudCustomData());
    }
    o.put("recalled", m.recalled());
    o.put("peerRead", m.peerRead());
    return o;
  }

  static ArrayNode messages(List<ClientMessage> list) {
    ArrayNode a = mapper().createArrayNode();
    list.forEach(m -> a.add(message(m)));
    return a;
  }

  static ObjectNode conversation(ConversationSummary s) {
    ObjectNode o = mapper().createObjectNode();
    o.put("conversationId", s.conversationId());
    o.put("type", s.conversationId().startsWith("GROUP") ? "GROUP" : "C2C");
    o.put("peer", s.peer());
    o.put("name", s.name());
    o.put("unread", s.unreadCount());
    if (s.lastMessage() != null) {
      o.set("last", message(s.lastMessage()));
    }
    return o;
  }
}
