package dev.timbot.internal.http;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 whose request targets never reach a log line. Jetty parses a {@code CONNECT} target
 * as an authority and, when that fails, logs the raw target at WARN ({@code HostPort: Bad
 * Authority […]}) before any handler runs — unclipped, and it may carry a callback's {@code
 * Sign}. Nothing here serves {@code CONNECT}, so its target is replaced by a fixed placeholder
 * before Jetty looks at it; the request then gets the usual 404 from the routes.
 *
 * <p>A malformed {@code Host} header is parsed (and logged by {@code org.eclipse.jetty.util.HostPort})
 * inside Jetty's parser, where no hook reaches; the runnable jars' logging configuration sets
 * that logger to ERROR, and the README tells embedders to do the same.
 */
final class QuietTargetConnectionFactory extends HttpConnectionFactory {
  /** A syntactically valid authority that names nothing. */
  static final String PLACEHOLDER_AUTHORITY = "connect.invalid:1";

  QuietTargetConnectionFactory(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
      @Override
      protected RequestHandler newRequestHandler() {
        return new RequestHandler() {
          @Override
          public void startRequest(String method, String uri, HttpVersion version) {
            super.startRequest(method, "CONNECT".equalsIgnoreCase(method) ? PLACEHOLDER_AUTHORITY : uri, version);
          }
        };
      }
    };
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }
}
