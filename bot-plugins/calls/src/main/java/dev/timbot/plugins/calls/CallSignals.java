package dev.timbot.plugins.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.message.CustomElem;
import dev.timbot.message.MessageJson;
import java.util.Optional;

/**
 * Recognises call signals in custom message data. Anything that is not one — other JSON, broken
 * JSON, other signaling apps — is simply empty, so it falls through to other custom handlers.
 */
public final class CallSignals {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** Bounds the work spent on data that is obviously not a call signal. */
  private static final int MAX_DATA_CHARS = 16 * 1024;

  private CallSignals() {}

  public static Optional<CallSignal> decode(CustomElem elem) {
    return decode(elem.data());
  }

  public static Optional<CallSignal> decode(String data) {
    if (data == null || data.isEmpty() || data.length() > MAX_DATA_CHARS || data.charAt(0) != '{') {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = JSON.readTree(data);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (json == null || !json.isObject()) {
      return Optional.empty();
    }
    ObjectNode o = (ObjectNode) json;
    return o.has("businessID") && o.has("actionType")
        ? SignalingCodec.decode(o)
        : LegacyV3Codec.decode(o);
  }
}
