package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.timbot.spi.Store;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-side per-API rate limit (the service allows 200 calls/s per API, 100/s for a few).
 * Every HTTP attempt, retries included, takes a token; a call over the rate waits on the clock
 * (so virtual time drives it in tests) and the wait is reported to the listener. The quota is the
 * app's: when the bot's store is shared by several processes, the store's {@link
 * Store.SharedRateLimit} decides the wait instead of this process's bucket. This paces calls
 * ahead of time without holding a thread; {@link WireGate} holds the limit where they leave.
 */
public final class RateLimitInterceptor implements RestInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);
  private final BotClock clock;
  private final ImClientListener listener;
  private final Supplier<Optional<Store.SharedRateLimit>> shared;
  private final ToIntFunction<String> ratePerApi;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  /** @param ratePerApi calls per second allowed for {@code service/command} */
  public RateLimitInterceptor(BotClock clock, ImClientListener listener,
      Supplier<Optional<Store.SharedRateLimit>> shared, ToIntFunction<String> ratePerApi) {
    this.clock = clock;
    this.listener = listener;
    this.shared = shared;
    this.ratePerApi = ratePerApi;
  }

  private long reserve(String api) {
    int rate = ratePerApi.applyAsInt(api);
    Optional<Store.SharedRateLimit> appWide = shared.get();
    if (appWide.isPresent()) {
      try {
        return appWide.get().reserve(api, pace(rate)).toNanos();
      } catch (RuntimeException e) {
        // The shared store is unreachable: this process's own bucket keeps it within the quota
        // alone; the store's outage is reported where the journal and outbox use it.
        log.debug("app-wide rate limit unavailable for {}: {}", api, e.toString());
      }
    }
    return buckets.computeIfAbsent(api, a -> new TokenBucket(ratePerApi.applyAsInt(a))).reserve(clock.nanoTime());
  }

  /**
   * The app-wide pace: the {@link WireGate#appWindow} where the calls leave (4% under the limit),
   * so evenly paced calls fit the gate's sliding second and only the ones that reach it late wait
   * there. This process's {@link TokenBucket} keeps a margin of its own.
   */
  static int pace(int rate) {
    return WireGate.appWindow(rate);
  }

  @Override
  public CompletableFuture<ObjectNode> intercept(Chain chain) {
    RestRequest request = chain.input();
    String api = request.api();
    long waitNanos = reserve(api);
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
