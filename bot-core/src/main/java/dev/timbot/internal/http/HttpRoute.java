package dev.timbot.internal.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

  /**
   * Answers one request whose answer may come later: the server thread returns at once and the
   * answer is written when the stage completes (on whichever thread completes it), so a route
   * waiting on something slow (a commit) holds no thread. The request stays in flight, and
   * stopping waits for it, until the answer is written. A stage that fails is a bare 500, like an
   * exception from {@link #handle}. By default, {@link #handle}'s answer, already complete.
   */
  default CompletionStage<HttpResponse> handleAsync(HttpRequest request) throws Exception {
    return CompletableFuture.completedFuture(handle(request));
  }

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
