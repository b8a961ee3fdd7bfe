package dev.timbot.plugins.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * A {@link RelayedCall} as the bytes a shared {@link CallBook} stores: the customer's invite as
 * received (decoded again on read), the legs with their states and deadlines, the agents still to
 * ring. Times are ISO-8601 instants (exact, so durations match the bot's clock).
 */
final class CallJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CallJson() {}

  static byte[] encode(RelayedCall call) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", call.id()).put("customer", call.customer()).put("invite", call.invite().raw().toString())
        .put("startedAt", call.startedAt().toString()).put("ringSeconds", call.ringTimeoutSeconds())
        .put("state", call.state.name());
    if (call.answeredBy != null) {
      o.put("answeredBy", call.answeredBy);
    }
    putTime(o, "answeredAt", call.answeredAt);
    putTime(o, "maxDeadline", call.maxDeadline);
    ArrayNode legs = o.putArray("legs");
    for (RelayedCall.Leg leg : call.legs.values()) {
      ObjectNode l = legs.addObject().put("agent", leg.agent()).put("legId", leg.legId()).put("state", leg.state.name());
      putTime(l, "deadline", leg.deadline);
    }
    ArrayNode waiting = o.putArray("waiting");
    call.waiting.forEach(waiting::add);
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("a call could not be encoded", e);
    }
  }

  /** @throws IllegalArgumentException for bytes that are not a call this relay wrote */
  static RelayedCall decode(byte[] bytes) {
    JsonNode o;
    try {
      o = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    CallSignal invite = CallSignals.decode(o.path("invite").asText())
        .orElseThrow(() -> new IllegalArgumentException("the stored invite is not a call signal"));
    RelayedCall call = new RelayedCall(o.path("id").asText(), o.path("customer").asText(), invite,
        Instant.parse(o.path("startedAt").asText()), o.path("ringSeconds").asInt());
    call.state = RelayedCall.State.valueOf(o.path("state").asText());
    call.answeredBy = o.hasNonNull("answeredBy") ? o.get("answeredBy").asText() : null;
    call.answeredAt = time(o, "answeredAt");
    call.maxDeadline = time(o, "maxDeadline");
    for (JsonNode l : o.path("legs")) {
      RelayedCall.Leg leg = new RelayedCall.Leg(l.path("agent").asText(), l.path("legId").asText());
      leg.state = RelayedCall.LegState.valueOf(l.path("state").asText());
      leg.deadline = time(l, "deadline");
      call.legs.put(leg.agent(), leg);
    }
    o.path("waiting").forEach(w -> call.waiting.add(w.asText()));
    call.stored = bytes;
    return call;
  }

  private static void putTime(ObjectNode o, String field, Instant t) {
    if (t != null) {
      o.put(field, t.toString());
    }
  }

  private static Instant time(JsonNode o, String field) {
    return o.hasNonNull(field) ? Instant.parse(o.get(field).asText()) : null;
  }
}
