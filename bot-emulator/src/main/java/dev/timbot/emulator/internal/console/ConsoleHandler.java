package dev.timbot.emulator.internal.console;

import dev.timbot.spi.BotClock;
import dev.timbot.emulator.ImUsers;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
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

  public ConsoleHandler(Server server, ImUsers users, BotClock clock, long sdkAppId, String admin,
      String listenHost, Set<String> consoleHosts) {
    this(server, users, clock, sdkAppId, admin, new SameOrigin(listenHost, consoleHosts));
  }

  private ConsoleHandler(Server server, ImUsers users, BotClock clock, long sdkAppId, String admin,
      SameOrigin sameOrigin) {
    super(
        new HostGate(sameOrigin),
        WebSocketUpgradeHandler.from(server, container -> {
          container.setMaxTextMessageSize(MAX_FRAME_BYTES);
          container.setMaxBinaryMessageSize(64 * 1024);
          container.setIdleTimeout(IDLE_TIMEOUT);
          container.addMapping(WS_PATH, (request, response, callback) -> {
            if (!sameOrigin.allows(request)) {
              Response.writeError(request, response, callback, 403, "cross-origin WebSocket refused");
              return null;
            }
            return new ConsoleEndpoint(users, clock);
          });
        }),
        new ConsoleUploadHandler(users, sameOrigin),
        new ConsoleAssets(sdkAppId, admin));
  }

  /** Refuses every console request whose Host (or Origin) is not pinned, before anything runs. */
  private static final class HostGate extends Handler.Abstract {
    private final SameOrigin sameOrigin;

    HostGate(SameOrigin sameOrigin) {
      this.sameOrigin = sameOrigin;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (sameOrigin.allows(request)) {
        return false;
      }
      Response.writeError(request, response, callback, 403, "this console answers only its own host names");
      return true;
    }
  }
}
