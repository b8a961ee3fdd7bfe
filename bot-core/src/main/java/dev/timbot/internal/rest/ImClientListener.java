package dev.timbot.internal.rest;

import dev.timbot.BotEvent.NetState;
import dev.timbot.spi.ImClient;
import java.time.Duration;

/**
 * Observes an {@link ImClient}'s calls, for metrics and lifecycle events (OkHttp's
 * {@code EventListener} idea). Methods are called on client threads and must return quickly;
 * an exception thrown here is logged and ignored.
 */
public interface ImClientListener {
  ImClientListener NONE = new ImClientListener() {};

  /** The REST API's reachability changed. */
  default void onNetStateChange(NetState state) {}

  /** A call finished: {@code api} is {@code service/command}, {@code errorCode} 0 on success. */
  default void onCallEnd(String api, Duration latency, int errorCode) {}

  /** A call is being retried ({@code attempt} ≥ 2) after {@code errorCode} (0 = transport error). */
  default void onRetry(String api, int attempt, int errorCode) {}

  /** A call waited for the client-side rate limiter. */
  default void onRateLimitWait(String api, Duration waited) {}
}
