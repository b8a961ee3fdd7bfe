package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transport failures (network, HTTP 5xx/429, non-JSON answers), the REST rate-limit codes
 * and the service's "internal error, retry" codes, with backoff scheduled on the clock. The
 * request is resent unchanged, so message sends keep their MsgSeq/MsgRandom/Random and the
 * service's dedupe makes the retry idempotent. Also drives the {@link NetStateTracker}.
 */
public final class RetryInterceptor implements RestInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);

  /**
   * Service codes documented as transient ("内部错误/超时，请重试"): 10002 (groups), 20004/20005
   * (C2C), 30006/30007 (relationship chain), 40006 (profile, account_import), 60008, 70169,
   * 70202/70500 (accounts), 90992/90994/90995/91000 (messages).
   */
  static final Set<Integer> TRANSIENT_CODES =
      Set.of(10002, 20004, 20005, 30006, 30007, 40006, 60008, 70169, 70202, 70500,
          90992, 90994, 90995, 91000);

  /** 10023: the group's message rate was exceeded; refused before the service acted. */
  static final int GROUP_RATE_LIMIT = 10023;

  /**
   * 70050: too many failed sig verifications, "wait a minute". Refused before the service acted,
   * so any call may retry, but not sooner than {@link #SIG_LOCKOUT}.
   */
  static final int SIG_LOCKOUT_CODE = 70050;

  static final Duration SIG_LOCKOUT = Duration.ofMinutes(1);

  private final RetryPolicy policy;
  private final BotClock clock;
  private final Random random;
  private final ImClientListener listener;
  private final NetStateTracker netState;
  private final BooleanSupplier closed;

  public RetryInterceptor(
      RetryPolicy policy,
      BotClock clock,
      Random random,
      ImClientListener listener,
      NetStateTracker netState,
      BooleanSupplier closed) {
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.listener = listener;
    this.netState = netState;
    this.closed = closed;
  }

  @Override
  public CompletableFuture<ObjectNode> intercept(Chain chain) {
    CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    attempt(chain, 1, result);
    return result;
  }

  private void attempt(Chain chain, int attempt, CompletableFuture<ObjectNode> result) {
    RestRequest request = chain.input();
    chain
        .proceed(request)
        .whenComplete(
            (value, error) -> {
              if (error == null) {
                netState.answered();
                result.complete(value);
                return;
              }
              Throwable cause = Failures.unwrap(error);
              boolean transport = cause instanceof TransportException;
              if (!transport && cause instanceof ImException) {
                netState.answered();
              }
              int code = cause instanceof ImException im && !transport ? im.errorCode() : 0;
              boolean retryable = retryable(request, cause);
              if (!retryable || attempt >= policy.maxAttempts() || closed.getAsBoolean()) {
                if (transport) {
                  netState.gaveUp();
                }
                result.completeExceptionally(finalFailure(request, cause, attempt, retryable));
                return;
              }
              if (transport) {
                netState.retrying();
              }
              Duration delay = policy.delay(attempt, backsOff(code), random);
              if (code == SIG_LOCKOUT_CODE && delay.compareTo(SIG_LOCKOUT) < 0) {
                delay = SIG_LOCKOUT;
              }
              log.info(
                  "{} attempt {}/{} failed ({}), retrying in {} ms",
                  request.api(),
                  attempt,
                  policy.maxAttempts(),
                  transport ? cause.getMessage() : "ErrorCode " + code,
                  delay.toMillis());
              listener.onRetry(request.api(), attempt + 1, code);
              clock.schedule(
                  delay,
                  () -> {
                    if (closed.getAsBoolean()) {
                      result.completeExceptionally(
                          new ImException(
                              ImErrorCodes.SDK_NOT_LOGGED_IN,
                              "the IM client was closed before " + request.api() + " could be retried"));
                    } else {
                      attempt(chain, attempt + 1, result);
                    }
                  });
            });
  }

  private static boolean retryable(RestRequest request, Throwable cause) {
    if (cause instanceof TransportException t) {
      return t.retryable() && (request.idempotent() || !t.maybeDelivered());
    }
    if (cause instanceof ImException e) {
      // A rate-limited call was refused before the service acted, so any call may retry.
      return backsOff(e.errorCode())
          || (request.idempotent() && TRANSIENT_CODES.contains(e.errorCode()));
    }
    return false;
  }

  /** Rate limits (REST 60007/60011/60018/60019, group 10023) and the 70050 sig lockout. */
  static boolean backsOff(int code) {
    return ImErrorCodes.isRateLimit(code) || code == GROUP_RATE_LIMIT || code == SIG_LOCKOUT_CODE;
  }

  private static Throwable finalFailure(
      RestRequest request, Throwable cause, int attempts, boolean retryable) {
    if (cause instanceof TransportException t && attempts > 1) {
      return new TransportException(
          t.errorInfo() + " (gave up after " + attempts + " attempts)", false, true, t);
    }
    if (cause instanceof TransportException t && retryable) {
      return t;
    }
    return cause;
  }
}
