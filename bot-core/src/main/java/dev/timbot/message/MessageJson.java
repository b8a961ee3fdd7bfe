package dev.timbot.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code MsgBody} arrays and single elements in the documented JSON format, as
 * text. Elements also (de)serialize correctly with any Jackson mapper of your own: {@link
 * MessageElem} carries its format in annotations.
 */
public final class MessageJson {
  private static final TypeReference<List<MessageElem>> BODY = new TypeReference<>() {};

  private MessageJson() {}

  /**
   * Reads a {@code MsgBody} array; JSON that is not an array gives an empty list.
   *
   * @throws IllegalArgumentException if {@code json} is not JSON at all
   */
  public static List<MessageElem> readBody(String json) {
    try {
      JsonNode node = ElemJson.MAPPER.readTree(json);
      return node == null || !node.isArray() ? new ArrayList<>() : ElemJson.MAPPER.convertValue(node, BODY);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("MsgBody is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes elements as a compact {@code MsgBody} array. */
  public static String writeBody(List<? extends MessageElem> elements) {
    try {
      return ElemJson.MAPPER.writerFor(BODY).writeValueAsString(elements);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a message body", e);
    }
  }

  /** Writes one element as compact JSON. */
  public static String toJson(MessageElem element) {
    try {
      return ElemJson.MAPPER.writerFor(MessageElem.class).writeValueAsString(element);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + element.msgType(), e);
    }
  }

  /**
   * Reads one element from JSON text.
   *
   * @throws IllegalArgumentException if {@code json} is not JSON
   */
  public static MessageElem fromJson(String json) {
    try {
      return ElemJson.MAPPER.readValue(json, MessageElem.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a message element: " + e.getOriginalMessage(), e);
    }
  }
}
