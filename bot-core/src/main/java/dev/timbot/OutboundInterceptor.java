package dev.timbot;

import java.util.concurrent.CompletableFuture;

/**
 * Sees every send, in registration order, before the IM client (OkHttp's interceptor shape):
 * rewrite it ({@code chain.proceed(out.withElements(...))}), observe the result, or refuse it by
 * returning a failed future.
 */
@FunctionalInterface
public interface OutboundInterceptor {
  CompletableFuture<SentMessage> intercept(Chain chain);

  /** The rest of the outbound chain. */
  interface Chain {
    Outgoing outgoing();

    CompletableFuture<SentMessage> proceed(Outgoing outgoing);
  }
}
