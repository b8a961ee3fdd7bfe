package dev.timbot.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.internal.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One REST call, as it goes down the interceptor chain. The body is serialized once, here, so
 * every attempt of the call sends the very same bytes (and the same MsgSeq/MsgRandom/Random).
 *
 * @param idempotent false for calls that must not be repeated once they may have reached the
 *     service (e.g. {@code create_group} without a GroupId); such calls are only retried when the
 *     service certainly did not act (connection refused, rate-limit codes)
 * @param itemsField for APIs whose top-level ErrorCode is not the whole story (e.g. {@code
 *     get_group_info}): a non-zero ErrorCode is not an error when this array is present and
 *     non-empty, because each item carries its own code
 */
public record RestRequest(
    String service, String command, String body, boolean idempotent, String itemsField) {

  public RestRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(body, "body");
  }

  public static RestRequest of(String service, String command, ObjectNode body) {
    try {
      // The service rejects an empty body: an API without parameters gets "{}".
      String json = WireJson.mapper().writeValueAsString(body == null ? Json.object() : body);
      return new RestRequest(service, command, json, true, null);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize the body of " + service + "/" + command, e);
    }
  }

  /** The body as it goes on the wire (UTF-8, the charset of the request's Content-Type). */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code service/command}, the name used in logs, metrics and rate limits. */
  public String api() {
    return service + "/" + command;
  }

  public RestRequest nonIdempotent() {
    return new RestRequest(service, command, body, false, itemsField);
  }

  public RestRequest withItemsField(String field) {
    return new RestRequest(service, command, body, idempotent, field);
  }
}
