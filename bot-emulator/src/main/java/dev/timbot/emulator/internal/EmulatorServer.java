package dev.timbot.emulator.internal;

import dev.timbot.emulator.internal.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The emulator's Jetty server: an HTTP listener and, when {@code httpsPort} is set, an HTTPS
 * listener on a freshly made self-signed certificate (its PEM written for clients to trust).
 * Nothing listens until {@link #start()}.
 */
public final class EmulatorServer {
  private final String host;
  private final Server server;
  private final ServerConnector http;
  private final ServerConnector https;
  private final Path certificatePem;

  public EmulatorServer(EmulatorConfig config) {
    this.host = config.host();
    QueuedThreadPool threads = new QueuedThreadPool(64, 2);
    threads.setName("emulator-http");
    threads.setDaemon(true);
    this.server = new Server(threads);
    this.http = new ServerConnector(server);
    http.setHost(config.host());
    http.setPort(config.port());
    server.addConnector(http);

    if (config.httpsPort() >= 0) {
      SelfSignedCertificate cert = SelfSignedCertificate.generate();
      try {
        Path dir = config.certificateDir() != null ? config.certificateDir()
            : Files.createTempDirectory("timbot-emulator-");
        this.certificatePem = cert.writePem(dir.resolve("emulator-cert.pem"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the certificate PEM", e);
      }
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(cert.keyStore());
      ssl.setKeyStorePassword(new String(cert.password()));
      HttpConfiguration httpsConfig = new HttpConfiguration();
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients reach it as 127.0.0.1 or localhost; both are in the certificate's SAN.
      secure.setSniHostCheck(false);
      httpsConfig.addCustomizer(secure);
      this.https = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(httpsConfig));
      https.setHost(config.host());
      https.setPort(config.httpsPort());
      server.addConnector(https);
    } else {
      this.https = null;
      this.certificatePem = null;
    }
  }

  /** The Jetty server itself (the console's WebSocket upgrade hangs off it). */
  public Server jetty() {
    return server;
  }

  /** What answers every request; set before {@link #start()}. */
  public void setHandler(Handler handler) {
    server.setHandler(handler);
  }

  public void start() throws Exception {
    server.start();
  }

  public void stop() throws Exception {
    server.stop();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://" + hostForUrl() + ":" + http.getLocalPort();
  }

  /** {@code https://127.0.0.1:<port>}, or null without an HTTPS listener. */
  public String httpsBaseUrl() {
    return https == null ? null : "https://" + hostForUrl() + ":" + https.getLocalPort();
  }

  /** The HTTP listener's port (the free one picked when configured as 0). */
  public int port() {
    return http.getLocalPort();
  }

  /** The self-signed certificate (PEM), or null without an HTTPS listener. */
  public Path certificatePem() {
    return certificatePem;
  }

  private String hostForUrl() {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }
}
