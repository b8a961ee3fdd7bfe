package dev.timbot.internal.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.internal.json.WireJson;
import java.nio.charset.StandardCharsets;

/**
 * What to answer the IM service for one callback request: an HTTP status and a JSON body. Write
 * it as is from whatever server hosts the {@link CallbackReceiver}.
 *
 * @param status HTTP status: 200 when accepted, 4xx for a refused request, 503 when saturated
 * @param contentType always {@value #JSON}
 * @param body the JSON text, e.g. {@code {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}}
 */
public record CallbackResponse(int status, String contentType, String body) {
  public static final String JSON = "application/json; charset=utf-8";

  /** The exact acknowledgement the service documents (tim-protocol.md §7.4). */
  public static final String OK_BODY = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";

  private static final CallbackResponse OK = new CallbackResponse(200, JSON, OK_BODY);

  public CallbackResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    contentType = contentType == null ? JSON : contentType;
    body = body == null ? "" : body;
  }

  /** The 200 acknowledgement. */
  public static CallbackResponse ok() {
    return OK;
  }

  /**
   * A refusal: {@code {"ActionStatus":"FAIL","ErrorInfo":info,"ErrorCode":status}}. The
   * ErrorCode repeats the HTTP status; the service only looks at the status (a non-200 answer
   * counts as a failed callback, so its failure policy applies).
   */
  public static CallbackResponse error(int status, String info) {
    ObjectNode node = WireJson.mapper().createObjectNode();
    node.put("ActionStatus", "FAIL");
    node.put("ErrorInfo", info == null ? "" : info);
    node.put("ErrorCode", status);
    try {
      return new CallbackResponse(status, JSON, WireJson.mapper().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      // Cannot happen for a tree of three scalars; fall back to a fixed body all the same.
      return new CallbackResponse(
          status, JSON, "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"\",\"ErrorCode\":" + status + "}");
    }
  }

  /** True for the 200 acknowledgement. */
  public boolean accepted() {
    return status == 200;
  }

  /** The body as UTF-8 bytes, ready to write. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
