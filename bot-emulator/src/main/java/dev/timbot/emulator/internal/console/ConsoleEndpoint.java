package dev.timbot.emulator.internal.console;

import dev.timbot.spi.BotClock;
import dev.timbot.emulator.ImUsers;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's WebSocket at {@code /console/ws}: hands text frames to a {@link ConsoleSession}
 * and its answers and events back through a {@link SerialSender}. Public because Jetty invokes
 * the listener methods reflectively (a non-public endpoint fails with "Unable to access method").
 */
public final class ConsoleEndpoint implements Session.Listener.AutoDemanding {
  private static final Logger log = LoggerFactory.getLogger(ConsoleEndpoint.class);

  private final ImUsers users;
  private final BotClock clock;
  private volatile SerialSender sender;
  private volatile ConsoleSession console;

  ConsoleEndpoint(ImUsers users, BotClock clock) {
    this.users = users;
    this.clock = clock;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    SerialSender s = new SerialSender(session);
    this.sender = s;
    this.console = new ConsoleSession(users, clock, s, s::closeWhenDrained);
  }

  @Override
  public void onWebSocketText(String message) {
    ConsoleSession c = console;
    if (c != null) {
      c.onText(message);
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    ConsoleSession c = console;
    if (c != null) {
      c.onBinary();
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    SerialSender s = sender;
    if (s != null) {
      s.close();
    }
    ConsoleSession c = console;
    if (c != null) {
      c.onClose();
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    // Oversized frames, protocol violations and dropped connections end here; Jetty closes the
    // socket and onWebSocketClose follows, so only log.
    log.debug("console socket error: {}", cause.toString());
  }
}
