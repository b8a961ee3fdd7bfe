package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImException.ImErrorCodes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The interceptor chain every call of a client goes down (see the package javadoc), and the switch
 * that closes it: once closed, calls fail with {@link ImErrorCodes#SDK_NOT_LOGGED_IN} and pending
 * retries give up.
 */
final class RestPipeline implements RestCaller {
  private final List<RestInterceptor> interceptors;
  private volatile boolean closed;

  /**
   * @param chain the interceptors, outermost first, given how to tell that the pipeline is closed
   *     (the retrying interceptor asks before each repeated attempt)
   */
  RestPipeline(Function<BooleanSupplier, List<RestInterceptor>> chain) {
    this.interceptors = List.copyOf(chain.apply(() -> closed));
  }

  @Override
  public CompletableFuture<ObjectNode> call(RestRequest request) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new ImException(ImErrorCodes.SDK_NOT_LOGGED_IN, "the IM client is closed"));
    }
    return new RealRestChain(interceptors, 0, request).proceed(request);
  }

  void close() {
    closed = true;
  }
}
