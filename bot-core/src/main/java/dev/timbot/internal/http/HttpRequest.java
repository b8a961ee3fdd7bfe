package dev.timbot.internal.http;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a route sees it.
 *
 * @param method e.g. {@code POST}
 * @param path the decoded path, including the route's prefix
 * @param query URL query parameters, first value per name, names as sent
 * @param headers first value per header name; lookups ignore case
 * @param body the whole body (empty, never null)
 * @param remoteAddress the peer's IP address
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body,
    String remoteAddress) {

  public HttpRequest {
    query = query == null ? Map.of() : Collections.unmodifiableMap(query);
    if (!(headers instanceof RequestHeaders)) {
      // RequestHeaders already reads like this map (and is read-only); anything else is copied.
      Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      if (headers != null) {
        headers.forEach(h::putIfAbsent);
      }
      headers = Collections.unmodifiableMap(h);
    }
    body = body == null ? new byte[0] : body;
  }

  /** A header value, or null. */
  public String header(String name) {
    return headers.get(name);
  }
}
