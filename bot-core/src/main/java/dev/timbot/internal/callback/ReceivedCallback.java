package dev.timbot.internal.callback;

import java.time.Instant;

/**
 * A verified, parsed callback as handed on by the receiver: the typed event plus the URL
 * parameters the service adds ({@code ClientIP}, {@code OptPlatform}).
 */
public record ReceivedCallback(
    CallbackEvent event, String clientIp, String optPlatform, Instant receivedAt) {
  public String command() {
    return event.command();
  }
}
