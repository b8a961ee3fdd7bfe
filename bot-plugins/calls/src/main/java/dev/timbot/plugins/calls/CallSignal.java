package dev.timbot.plugins.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A decoded call signal of either protocol.
 *
 * @param callId v3 {@code call_id} (often empty) or the signaling {@code inviteID}
 * @param roomId the TRTC room exactly as sent (a number that may be negative, or a string)
 * @param caller signaling {@code inviter}; null for v3 (the IM sender is the caller)
 * @param invitees v3 {@code invited_list} or signaling {@code inviteeList}
 * @param durationSeconds v3 {@code duration} on hang-up, signaling {@code call_end}; null otherwise
 * @param timeoutSeconds signaling {@code timeout}; null for v3
 * @param errorCode v3 {@code code} on an error action; null otherwise
 * @param raw the whole {@code Data} JSON as received (the envelope, for signaling)
 * @param payload signaling's inner {@code data} JSON object; null for v3
 */
public record CallSignal(
    CallProtocol protocol,
    CallAction action,
    String callId,
    JsonNode roomId,
    MediaType mediaType,
    String caller,
    List<String> invitees,
    Integer durationSeconds,
    Integer timeoutSeconds,
    String groupId,
    Integer errorCode,
    ObjectNode raw,
    ObjectNode payload) {

  public CallSignal {
    invitees = invitees == null ? List.of() : List.copyOf(invitees);
    raw = raw == null ? null : raw.deepCopy();
    payload = payload == null ? null : payload.deepCopy();
  }

  /** The room as text ("31415", "-1203987771", or a string room). */
  public String roomIdText() {
    return roomId == null || roomId.isNull() ? "" : roomId.asText();
  }

  @Override
  public ObjectNode raw() {
    return raw == null ? null : raw.deepCopy();
  }

  @Override
  public ObjectNode payload() {
    return payload == null ? null : payload.deepCopy();
  }
}
