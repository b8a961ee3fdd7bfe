package dev.timbot.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * An element whose {@code MsgType} this version does not model (for example {@code
 * TIMRelayElem}), or a known type whose content could not be read. The raw {@code MsgContent} is
 * kept and written back unchanged, so forwarding or storing such a message loses nothing.
 */
public record UnknownElem(String msgType, JsonNode content) implements MessageElem {
  public UnknownElem {
    Objects.requireNonNull(msgType, "msgType");
    content = content == null ? NullNode.getInstance() : content.deepCopy();
  }

  @Override
  public JsonNode content() {
    return content.deepCopy();
  }
}
