package dev.timbot.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A route's answer.
 *
 * @param status HTTP status
 * @param contentType the Content-Type header, or null for none
 * @param body the bytes to send (empty, never null)
 * @param headers extra response headers (e.g. Cache-Control for media)
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  public HttpResponse {
    body = body == null ? new byte[0] : body;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, contentType, body, Map.of());
  }

  public static HttpResponse json(int status, String json) {
    return of(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
  }

  public static HttpResponse text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
