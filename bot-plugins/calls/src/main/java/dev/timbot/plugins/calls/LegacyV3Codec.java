package dev.timbot.plugins.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.message.MessageJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The legacy TRTCCalling custom message, {@code version: 3}. Every reply is the received JSON with
 * {@code action} replaced (that is how the clients answer each other), so unknown keys such as
 * Android's {@code call_id} or {@code partner} survive the relay.
 */
public final class LegacyV3Codec {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  public static final int VERSION = 3;

  private LegacyV3Codec() {}

  /** The v3 {@code action} number of an action. */
  public static int actionCode(CallAction action) {
    return switch (action) {
      case ERROR -> -2;
      case INVITE -> 0;
      case CANCEL -> 1;
      case REJECT -> 2;
      case NO_ANSWER -> 3;
      case ACCEPT -> 4;
      case HANGUP -> 5;
      case BUSY -> 6;
    };
  }

  static Optional<CallAction> action(int code) {
    return Optional.ofNullable(
        switch (code) {
          case -2 -> CallAction.ERROR;
          case 0 -> CallAction.INVITE;
          case 1 -> CallAction.CANCEL;
          case 2 -> CallAction.REJECT;
          case 3 -> CallAction.NO_ANSWER;
          case 4 -> CallAction.ACCEPT;
          case 5 -> CallAction.HANGUP;
          case 6 -> CallAction.BUSY;
          default -> null;
        });
  }

  /** Decodes a v3 message; anything else (other versions, missing action) is empty. */
  public static Optional<CallSignal> decode(ObjectNode json) {
    JsonNode version = json.get("version");
    JsonNode action = json.get("action");
    if (version == null || !version.isIntegralNumber() || version.asInt() != VERSION
        || action == null || !action.isIntegralNumber()) {
      return Optional.empty();
    }
    return action(action.asInt())
        .map(a -> new CallSignal(
            CallProtocol.LEGACY_V3,
            a,
            json.path("call_id").asText(""),
            json.get("room_id"),
            MediaType.UNKNOWN, // v3 does not say; the clients start video calls
            null,
            strings(json.get("invited_list")),
            a == CallAction.HANGUP ? json.path("duration").asInt(0) : null,
            null,
            null,
            json.hasNonNull("code") ? json.get("code").asInt() : null,
            json,
            null));
  }

  /** A fresh invite as the web and mini-program clients send it. */
  public static String invite(JsonNode roomId) {
    ObjectNode o = JSON.createObjectNode();
    o.put("call_id", "");
    o.put("version", VERSION);
    o.set("room_id", roomId);
    o.put("action", actionCode(CallAction.INVITE));
    o.put("duration", 0);
    o.putArray("invited_list");
    return o.toString();
  }

  /**
   * The reply the clients expect: {@code template}'s JSON with {@code action} replaced, and
   * {@code duration} set on hang-up.
   */
  public static String echo(CallSignal template, CallAction action, Integer durationSeconds) {
    ObjectNode o = template.raw();
    o.put("action", actionCode(action));
    if (action == CallAction.HANGUP) {
      o.put("duration", durationSeconds == null ? 0 : durationSeconds);
    } else if (action != CallAction.ERROR) {
      o.remove("code");
    }
    return o.toString();
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
