package dev.timbot.emulator.internal.console;

import java.net.URI;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Browsers send {@code Origin} on WebSocket handshakes and cross-site POSTs but never enforce
 * same-origin for them; without this check any web page open in the same browser could log in to
 * a local emulator and read the chats. Clients that send no Origin (tests, tools) are allowed.
 */
final class SameOrigin {
  private SameOrigin() {}

  static boolean allows(Request request) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null || origin.isEmpty()) {
      return true;
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null) {
      return false;
    }
    try {
      URI o = URI.create(origin);
      if (o.getHost() == null) {
        return false;
      }
      int port = o.getPort() >= 0 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
      String hostPort = o.getHost() + ":" + port;
      // Host may omit a default port.
      return host.equalsIgnoreCase(hostPort) || (host.equalsIgnoreCase(o.getHost()) && (port == 80 || port == 443));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
