package dev.timbot.internal.http;

/**
 * One route of an {@link HttpHost}, mounted under a path prefix. Server-neutral on purpose: the
 * request arrives fully read (bounded by {@link #maxBodyBytes()}), the answer is status, content
 * type and bytes — so routes are trivial to unit-test and could move to another server.
 */
@FunctionalInterface
public interface HttpRoute {
  /** Default body limit of a route. */
  int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /**
   * Answers one request. Runs on a server thread: keep it short, hand slow work elsewhere. An
   * exception becomes a bare 500 (logged by the host, never sent to the client).
   */
  HttpResponse handle(HttpRequest request) throws Exception;

  /** The largest body this route accepts; the host stops reading beyond it. */
  default int maxBodyBytes() {
    return DEFAULT_MAX_BODY_BYTES;
  }

  /**
   * The answer when the body exceeds {@link #maxBodyBytes()}. {@code request} has an empty body:
   * reading stopped at the limit.
   */
  default HttpResponse bodyTooLarge(HttpRequest request) {
    return HttpResponse.text(413, "request body too large");
  }
}
