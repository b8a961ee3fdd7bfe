package dev.timbot.internal.rest;

import java.io.IOException;

/**
 * A call given up before its request left this process (its timeout or a cancel while it waited for the
 * rate limit, {@link WireGate}): the service cannot have acted on it, so even a call that is not
 * idempotent may be made again ({@link OkHttpTransport}).
 */
final class NeverSentException extends IOException {
  private static final long serialVersionUID = 1L;

  NeverSentException(String message) {
    super(message);
  }
}
