package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The client-side per-API rate limit (the service allows 200 calls/s per API, 100/s for a few).
 * Every HTTP attempt, retries included, takes a token; a call over the rate waits on the clock
 * (so virtual time drives it in tests) and the wait is reported to the listener.
 */
public final class RateLimitInterceptor implements RestInterceptor {
  private final BotClock clock;
  private final ImClientListener listener;
  private final ToIntFunction<String> ratePerApi;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  /** @param ratePerApi calls per second allowed for {@code service/command} */
  public RateLimitInterceptor(
      BotClock clock, ImClientListener listener, ToIntFunction<String> ratePerApi) {
    this.clock = clock;
    this.listener = listener;
    this.ratePerApi = ratePerApi;
  }

  @Override
  public CompletableFuture<ObjectNode> intercept(Chain chain) {
    RestRequest request = chain.input();
    String api = request.api();
    TokenBucket bucket =
        buckets.computeIfAbsent(api, a -> new TokenBucket(ratePerApi.applyAsInt(a)));
    long waitNanos = bucket.reserve(clock.nanoTime());
    if (waitNanos <= 0) {
      return chain.proceed(request);
    }
    Duration wait = Duration.ofNanos(waitNanos);
    listener.onRateLimitWait(api, wait);
    CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    clock.schedule(
        wait,
        () ->
            chain
                .proceed(request)
                .whenComplete((value, error) -> Failures.complete(result, value, error)));
    return result;
  }
}
