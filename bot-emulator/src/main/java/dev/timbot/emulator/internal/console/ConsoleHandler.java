package dev.timbot.emulator.internal.console;

import dev.timbot.spi.BotClock;
import dev.timbot.emulator.ImUsers;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The browser chat console: the page at {@code /} with its assets under {@code /console/}, the
 * live protocol at {@code /console/ws} and uploads at {@code POST /console/upload}. Mount it
 * after the REST and media handlers.
 */
public final class ConsoleHandler extends Handler.Sequence {
  public static final String WS_PATH = "/console/ws";
  /**
   * Jetty's hard cap: larger frames close the socket (1009). Requests between {@link
   * ConsoleSession#MAX_REQUEST_CHARS} and this get a polite error answer instead.
   */
  static final long MAX_FRAME_BYTES = 1024 * 1024;
  /** The page pings every 30 s; a silent socket is a closed tab. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  public ConsoleHandler(Server server, ImUsers users, BotClock clock, long sdkAppId, String admin) {
    super(
        WebSocketUpgradeHandler.from(server, container -> {
          container.setMaxTextMessageSize(MAX_FRAME_BYTES);
          container.setMaxBinaryMessageSize(64 * 1024);
          container.setIdleTimeout(IDLE_TIMEOUT);
          container.addMapping(WS_PATH, (request, response, callback) -> {
            if (!SameOrigin.allows(request)) {
              Response.writeError(request, response, callback, 403, "cross-origin WebSocket refused");
              return null;
            }
            return new ConsoleEndpoint(users, clock);
          });
        }),
        new ConsoleUploadHandler(users),
        new ConsoleAssets(sdkAppId, admin));
  }
}
