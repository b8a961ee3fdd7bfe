package dev.timbot.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.timbot.message.MessageElem;
import dev.timbot.message.UnknownElem;
import java.io.IOException;

/**
 * Reads {@code {"MsgType": ..., "MsgContent": {...}}}. An unknown type, or a known type whose
 * content does not fit its record, becomes an {@link UnknownElem} holding the raw content: a
 * message is never dropped because one element is odd.
 */
final class MessageElemDeserializer extends StdDeserializer<MessageElem> {
  MessageElemDeserializer() {
    super(MessageElem.class);
  }

  @Override
  public MessageElem deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(p);
    if (!node.isObject()) {
      return new UnknownElem("", node);
    }
    String type = node.path("MsgType").asText("");
    JsonNode content = node.get("MsgContent");
    Class<? extends MessageElem> target = MessageElemTypes.BY_NAME.get(type);
    if (target == null || content == null || !content.isObject()) {
      return new UnknownElem(type, content);
    }
    try {
      return ctxt.readTreeAsValue(content, target);
    } catch (IOException | RuntimeException e) {
      return new UnknownElem(type, content);
    }
  }
}
