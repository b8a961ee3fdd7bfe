package dev.timbot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.message.CustomElem;
import dev.timbot.message.MessageJson;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recognises one custom sub-protocol and decodes it: empty (or an exception) means "not mine",
 * and the message falls through to plain {@code custom} handlers.
 */
@FunctionalInterface
public interface CustomDecoder<T> {
  Optional<T> decode(CustomElem elem) throws Exception;

  /**
   * A decoder for JSON {@code Data}: when {@code accepts} holds for the parsed JSON, the data is
   * mapped to {@code type} with Jackson (unknown fields ignored).
   */
  static <T> CustomDecoder<T> json(Class<T> type, Predicate<JsonNode> accepts) {
    return elem -> {
      if (elem.data() == null || elem.data().isBlank()) {
        return Optional.empty();
      }
      JsonNode node = MessageJson.mapper().readTree(elem.data());
      if (node == null || !node.isObject() || !accepts.test(node)) {
        return Optional.empty();
      }
      return Optional.of(MessageJson.mapper().treeToValue(node, type));
    };
  }
}
