package dev.timbot.internal.callback;

import dev.timbot.internal.http.HttpHost;
import dev.timbot.internal.http.HttpRequest;
import dev.timbot.internal.http.HttpResponse;
import dev.timbot.internal.http.HttpRoute;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Mounts a {@link CallbackReceiver} on an {@link HttpHost}: POST only, the receiver's limit. The
 * answer is written once the callback is durable, without a server thread waiting for the commit.
 */
public final class CallbackRoute implements HttpRoute {
  /** The acknowledgement, encoded once: nearly every answer is this one. */
  private static final HttpResponse OK = HttpResponse.of(200, CallbackResponse.JSON, CallbackResponse.ok().bodyBytes());

  private final CallbackReceiver receiver;

  public CallbackRoute(CallbackReceiver receiver) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    return handleAsync(request).join();
  }

  @Override
  public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
    if (!"POST".equalsIgnoreCase(request.method())) {
      CallbackResponse r = CallbackResponse.error(405, "callbacks are POST requests");
      return CompletableFuture.completedFuture(
          new HttpResponse(r.status(), r.contentType(), r.bodyBytes(), Map.of("Allow", "POST")));
    }
    return receiver.handleAsync(request.query(), request.body()).thenApply(CallbackRoute::toHttp);
  }

  @Override
  public int maxBodyBytes() {
    return receiver.maxBodyBytes();
  }

  @Override
  public HttpResponse bodyTooLarge(HttpRequest request) {
    return toHttp(receiver.bodyTooLarge(request.query()));
  }

  private static HttpResponse toHttp(CallbackResponse r) {
    if (r == CallbackResponse.ok()) {
      return OK;
    }
    return HttpResponse.of(r.status(), r.contentType(), r.bodyBytes());
  }
}
