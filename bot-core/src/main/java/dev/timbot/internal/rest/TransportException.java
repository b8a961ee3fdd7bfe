package dev.timbot.internal.rest;

import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;

/**
 * The service did not answer with a JSON envelope: a network failure, an HTTP error status or a
 * body that is not JSON. Carries {@link ImErrorCodes#NETWORK_ERROR}.
 */
public final class TransportException extends ImException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final boolean maybeDelivered;

  /**
   * @param retryable whether trying again can help (5xx, timeouts, resets; not 4xx)
   * @param maybeDelivered false only when the request certainly never reached the service (e.g.
   *     connection refused), so that even non-idempotent calls may be retried
   */
  public TransportException(
      String message, boolean retryable, boolean maybeDelivered, Throwable cause) {
    super(ImErrorCodes.NETWORK_ERROR, message, cause);
    this.retryable = retryable;
    this.maybeDelivered = maybeDelivered;
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean maybeDelivered() {
    return maybeDelivered;
  }
}
