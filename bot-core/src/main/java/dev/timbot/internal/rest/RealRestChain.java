package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The chain position handed to interceptor {@code index}. */
public final class RealRestChain implements RestInterceptor.Chain {
  private final List<RestInterceptor> interceptors;
  private final int index;
  private final RestRequest request;

  public RealRestChain(List<RestInterceptor> interceptors, int index, RestRequest request) {
    this.interceptors = interceptors;
    this.index = index;
    this.request = request;
  }

  @Override
  public RestRequest input() {
    return request;
  }

  @Override
  public CompletableFuture<ObjectNode> proceed(RestRequest next) {
    if (index >= interceptors.size()) {
      throw new IllegalStateException("the last interceptor must not call proceed()");
    }
    RealRestChain chain = new RealRestChain(interceptors, index + 1, next);
    try {
      return interceptors.get(index).intercept(chain);
    } catch (RuntimeException e) {
      // A bug in one interceptor fails this call, never the caller's thread.
      return CompletableFuture.failedFuture(e);
    }
  }
}
