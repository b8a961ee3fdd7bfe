package dev.timbot.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.timbot.internal.json.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code MsgBody} arrays and single elements in the documented JSON format.
 * Use {@link #mapper()} when your own code (de)serializes timbot's wire types.
 */
public final class MessageJson {
  private MessageJson() {}

  /** A shared mapper configured for the Tencent IM wire format. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return WireJson.mapper();
  }

  /** The Jackson module for {@link MessageElem}, to register on your own mapper. */
  public static com.fasterxml.jackson.databind.Module module() {
    return WireJson.module();
  }

  /** Reads a {@code MsgBody} array; a missing or non-array node gives an empty list. */
  public static List<MessageElem> readBody(JsonNode msgBody) {
    List<MessageElem> out = new ArrayList<>();
    if (msgBody == null || !msgBody.isArray()) {
      return out;
    }
    for (JsonNode item : msgBody) {
      out.add(mapper().convertValue(item, MessageElem.class));
    }
    return out;
  }

  /** Writes elements as a {@code MsgBody} array. */
  public static ArrayNode writeBody(List<? extends MessageElem> elements) {
    ArrayNode array = mapper().createArrayNode();
    for (MessageElem e : elements) {
      array.add(mapper().valueToTree(e));
    }
    return array;
  }

  /** Writes one element as compact JSON. */
  public static String toJson(MessageElem element) {
    try {
      return mapper().writerFor(MessageElem.class).writeValueAsString(element);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + element.msgType(), e);
    }
  }

  /** Reads one element from JSON text. */
  public static MessageElem fromJson(String json) throws JsonProcessingException {
    return mapper().readValue(json, MessageElem.class);
  }
}
