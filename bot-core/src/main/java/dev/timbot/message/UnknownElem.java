package dev.timbot.message;

import java.util.Objects;

/**
 * An element whose {@code MsgType} this version does not model (for example {@code
 * TIMRelayElem}), or a known type whose content could not be read. The raw {@code MsgContent} is
 * kept as JSON text and written back unchanged, so forwarding or storing such a message loses
 * nothing.
 *
 * @param msgType the element's {@code MsgType} ("" when the element was not even an object)
 * @param contentJson the raw {@code MsgContent} as compact JSON text ({@code null} when absent)
 */
public record UnknownElem(String msgType, String contentJson) implements MessageElem {
  public UnknownElem {
    Objects.requireNonNull(msgType, "msgType");
    contentJson = contentJson == null || contentJson.isBlank() ? "null" : contentJson;
  }
}
