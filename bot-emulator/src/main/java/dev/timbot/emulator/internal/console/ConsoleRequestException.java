package dev.timbot.emulator.internal.console;

/**
 * A console request the server refuses for a protocol reason (not a service error): answered as
 * {@code {"op":"error","reason":...}}, never thrown out of the WebSocket layer.
 */
final class ConsoleRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code bad_json}, {@code bad_request}, {@code unknown_op}, {@code not_logged_in}, {@code too_big}. */
  final String reason;

  ConsoleRequestException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }
}
