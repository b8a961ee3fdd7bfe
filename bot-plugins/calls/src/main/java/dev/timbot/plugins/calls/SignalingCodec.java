package dev.timbot.plugins.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.message.MessageJson;
import java.util.List;
import java.util.Optional;

/**
 * The V2TIM signaling envelope ({@code businessID: 1}) with the TUICalling/TUICallKit call
 * payload in its string {@code data}. Payloads timbot writes keep the legacy keys ({@code
 * call_type}, {@code room_id}, {@code line_busy}, {@code call_end}) next to the structured
 * {@code data} block, and {@code version} 4, so every client generation reads them.
 */
public final class SignalingCodec {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  public static final int BUSINESS_ID = 1;
  public static final int INVITE = 1;
  public static final int CANCEL = 2;
  public static final int ACCEPT = 3;
  public static final int REJECT = 4;
  public static final int TIMEOUT = 5;

  private SignalingCodec() {}

  /** Decodes a signaling envelope whose {@code data} is a call payload; anything else is empty. */
  public static Optional<CallSignal> decode(ObjectNode json) {
    JsonNode businessId = json.get("businessID");
    JsonNode actionType = json.get("actionType");
    JsonNode inviteId = json.get("inviteID");
    JsonNode data = json.get("data");
    if (businessId == null || !businessId.isIntegralNumber() || businessId.asInt() != BUSINESS_ID
        || actionType == null || !actionType.isIntegralNumber()
        || inviteId == null || !inviteId.isTextual() || inviteId.asText().isEmpty()
        || data == null || !data.isTextual()) {
      return Optional.empty();
    }
    ObjectNode payload;
    try {
      JsonNode parsed = JSON.readTree(data.asText());
      if (parsed == null || !parsed.isObject()) {
        return Optional.empty();
      }
      payload = (ObjectNode) parsed;
    } catch (JsonProcessingException e) {
      return Optional.empty(); // a signaling message of some other app, not a call
    }
    JsonNode inner = payload.path("data");
    String cmd = inner.path("cmd").asText("");
    Optional<CallAction> action = action(actionType.asInt(), payload, cmd);
    if (action.isEmpty()) {
      return Optional.empty();
    }
    MediaType media = MediaType.fromCallType(payload.path("call_type").asInt(0));
    if ("audioCall".equals(cmd)) {
      media = MediaType.AUDIO;
    } else if ("videoCall".equals(cmd)) {
      media = MediaType.VIDEO;
    }
    JsonNode room = payload.hasNonNull("room_id") ? payload.get("room_id") : inner.get("room_id");
    Integer duration = null;
    if (action.get() == CallAction.HANGUP) {
      duration = payload.hasNonNull("call_end")
          ? payload.get("call_end").asInt(0)
          : inner.path("cmdInfo").asInt(0);
    }
    return Optional.of(new CallSignal(
        CallProtocol.SIGNALING,
        action.get(),
        inviteId.asText(),
        room,
        media,
        json.path("inviter").asText(null),
        LegacyV3Codec.strings(json.get("inviteeList")),
        duration,
        json.path("timeout").asInt(0),
        json.path("groupID").asText(""),
        null,
        json,
        payload));
  }

  /** TUIChat's classification: hang-up by {@code cmd} first, by {@code call_end} only without one. */
  private static Optional<CallAction> action(int actionType, ObjectNode payload, String cmd) {
    return Optional.ofNullable(
        switch (actionType) {
          case INVITE -> "hangup".equals(cmd) || (cmd.isEmpty() && payload.has("call_end"))
              ? CallAction.HANGUP
              : CallAction.INVITE;
          case CANCEL -> CallAction.CANCEL;
          case ACCEPT -> CallAction.ACCEPT;
          case REJECT -> payload.has("line_busy")
                  || "lineBusy".equals(payload.path("data").path("message").asText())
              ? CallAction.BUSY
              : CallAction.REJECT;
          case TIMEOUT -> CallAction.NO_ANSWER;
          default -> null;
        });
  }

  /** The signaling envelope, with {@code payload} as its string {@code data}. */
  public static String envelope(
      String inviteId, String inviter, int actionType, List<String> invitees, ObjectNode payload,
      int timeoutSeconds, String groupId) {
    ObjectNode o = JSON.createObjectNode();
    o.put("businessID", BUSINESS_ID);
    o.put("inviteID", inviteId);
    o.put("inviter", inviter);
    o.put("actionType", actionType);
    invitees.forEach(o.putArray("inviteeList")::add);
    if (invitees.isEmpty()) {
      o.putArray("inviteeList");
    }
    o.put("timeout", timeoutSeconds);
    o.put("groupID", groupId == null ? "" : groupId);
    o.put("data", payload.toString());
    return o.toString();
  }

  /**
   * A call payload: {@code version} 4, {@code businessID "av_call"}, the legacy {@code call_type}
   * and {@code room_id}, and the structured {@code data} block with {@code cmd}.
   */
  public static ObjectNode payload(MediaType media, JsonNode roomId, String cmd, String cmdInfo, String message) {
    ObjectNode p = JSON.createObjectNode();
    p.put("version", 4);
    p.put("businessID", "av_call");
    p.put("platform", "Server");
    p.put("extInfo", "");
    p.put("call_type", media == MediaType.UNKNOWN ? MediaType.VIDEO.callType() : media.callType());
    if (roomId != null && !roomId.isNull()) {
      p.set("room_id", roomId);
    }
    ObjectNode d = p.putObject("data");
    if (roomId != null && !roomId.isNull()) {
      d.set("room_id", roomId);
    }
    d.put("cmd", cmd);
    d.put("cmdInfo", cmdInfo);
    d.put("message", message);
    d.putArray("userIDs");
    return p;
  }

  /** Payload of a busy reject: the legacy {@code line_busy} key and {@code message: lineBusy}. */
  public static ObjectNode busyPayload(MediaType media, JsonNode roomId) {
    ObjectNode p = payload(media, roomId, "", "", "lineBusy");
    p.put("line_busy", "line_busy");
    return p;
  }

  /** Payload of the end-of-call message (sent as a new invitation with timeout 0). */
  public static ObjectNode hangupPayload(MediaType media, JsonNode roomId, int seconds) {
    ObjectNode p = payload(media, roomId, "hangup", String.valueOf(seconds), "");
    p.put("call_end", seconds);
    return p;
  }
}
