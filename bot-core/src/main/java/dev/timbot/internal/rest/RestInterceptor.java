package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * One cross-cutting concern of a REST call (events, sig renewal, retries, rate limiting,
 * transport): the same shape as the public {@link dev.timbot.Interceptor} (OkHttp's: look at
 * {@code chain.input()}, return {@code chain.proceed(input)}), asynchronous: the future
 * completes with the response envelope (ErrorCode 0) or an {@code ImException}.
 */
public interface RestInterceptor {
  CompletableFuture<ObjectNode> intercept(Chain chain);

  /** The rest of the chain after this interceptor. */
  interface Chain {
    RestRequest input();

    /** Hands {@code request} to the next interceptor; may be called again to retry. */
    CompletableFuture<ObjectNode> proceed(RestRequest request);
  }
}
