package dev.timbot.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.message.Conversation;
import dev.timbot.internal.json.WireJson;
import dev.timbot.message.MessageJson;
import dev.timbot.Outgoing;
import java.io.IOException;
import java.io.UncheckedIOException;

/** An {@link Outgoing} as the outbox stores it: JSON with the conversation and the TIM message body. */
public final class OutgoingCodec {
  private static final ObjectMapper JSON = WireJson.mapper();

  private OutgoingCodec() {}

  public static byte[] encode(Outgoing out) {
    ObjectNode node = JSON.createObjectNode();
    node.put("To", out.to().conversationId());
    try {
      node.set("MsgBody", JSON.readTree(MessageJson.writeBody(out.elements())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.cloudCustomData() != null) {
      node.put("CloudCustomData", out.cloudCustomData());
    }
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Outgoing decode(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      JsonNode cloud = node.get("CloudCustomData");
      return new Outgoing(Conversation.parse(node.get("To").asText()), MessageJson.readBody(node.get("MsgBody").toString()),
          cloud == null || cloud.isNull() ? null : cloud.asText());
    } catch (IOException e) {
      throw new UncheckedIOException("an outbox entry could not be read: " + e.getMessage(), e);
    }
  }
}
