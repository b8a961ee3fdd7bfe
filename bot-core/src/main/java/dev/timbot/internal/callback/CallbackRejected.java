package dev.timbot.internal.callback;

/**
 * Why a callback request is refused: the HTTP status to answer, a metrics-friendly reason and a
 * short message that is safe to send back and log (it never holds secrets or input echoes).
 */
public final class CallbackRejected extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;

  public CallbackRejected(int status, String reason, String message) {
    // No stack trace: this is control flow for bad input, not a bug, and is never logged as one.
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  /** A short snake_case reason, used as the {@code reason} tag of the rejection counter. */
  public String reason() {
    return reason;
  }
}
