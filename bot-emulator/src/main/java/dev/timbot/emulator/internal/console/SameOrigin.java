package dev.timbot.emulator.internal.console;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The console answers only requests addressed to a pinned host name: loopback names, the
 * listener's own address and the names the operator added. Comparing {@code Origin} with the
 * request's own {@code Host} is not enough — a DNS-rebinding page sends a matching pair for its
 * own name — so both are checked against the pinned list. Browsers send {@code Origin} on
 * WebSocket handshakes and cross-site POSTs but never enforce same-origin for them; clients that
 * send no Origin (tests, tools) are allowed when their Host is pinned.
 */
final class SameOrigin {
  private final Set<String> hosts;

  SameOrigin(String listenHost, Set<String> extraHosts) {
    Set<String> h = new HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]", "::1"));
    if (listenHost != null && !listenHost.equals("0.0.0.0") && !listenHost.equals("::")) {
      h.add(listenHost.toLowerCase(Locale.ROOT));
    }
    extraHosts.forEach(x -> h.add(x.toLowerCase(Locale.ROOT)));
    this.hosts = Set.copyOf(h);
  }

  boolean allows(Request request) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null || !hosts.contains(hostName(host))) {
      return false;
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null || origin.isEmpty()) {
      return true;
    }
    try {
      URI o = URI.create(origin);
      return o.getHost() != null && hosts.contains(o.getHost().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code name[:port]} or {@code [v6][:port]} → the name, lower case. */
  static String hostName(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}
