package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outermost interceptor: one {@code onCallEnd} per call, with its whole latency. */
public final class CallEventsInterceptor implements RestInterceptor {
  private static final Logger log = LoggerFactory.getLogger(CallEventsInterceptor.class);

  private final BotClock clock;
  private final ImClientListener listener;

  public CallEventsInterceptor(BotClock clock, ImClientListener listener) {
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public CompletableFuture<ObjectNode> intercept(Chain chain) {
    RestRequest request = chain.input();
    long start = clock.nanoTime();
    CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    chain
        .proceed(request)
        .whenComplete(
            (value, error) -> {
              Duration latency = Duration.ofNanos(Math.max(0, clock.nanoTime() - start));
              Throwable cause = error == null ? null : Failures.unwrap(error);
              int code =
                  cause == null
                      ? 0
                      : cause instanceof ImException e ? e.errorCode() : ImErrorCodes.NETWORK_ERROR;
              if (cause != null) {
                log.debug("{} failed in {} ms: {}", request.api(), latency.toMillis(), cause.getMessage());
              }
              listener.onCallEnd(request.api(), latency, code);
              Failures.complete(result, value, cause);
            });
    return result;
  }
}
