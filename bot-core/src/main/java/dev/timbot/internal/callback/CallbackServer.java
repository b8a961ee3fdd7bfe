package dev.timbot.internal.callback;

import dev.timbot.internal.http.Ports;
import dev.timbot.internal.http.HttpHost;
import java.net.URI;
import java.util.Objects;

/**
 * A {@link CallbackReceiver} on its own embedded HTTP server (Jetty), for bots that do not mount
 * the receiver in an existing server. Set the printed {@link #url()} — or your public address
 * with the same path — as the app's callback URL in the IM console.
 *
 * <pre>{@code
 * try (CallbackServer server = CallbackServer.builder().port(8080).receiver(receiver).build().start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the HTTP server only; whoever built the receiver closes it.
 */
public final class CallbackServer implements AutoCloseable {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_PATH = "/tim/callback";

  private final String path;
  private final HttpHost http;

  private CallbackServer(Builder b) {
    this.path = b.path;
    this.http = HttpHost.builder().host(b.host).port(b.port).name("timbot-callback-http").build();
    http.route(path, new CallbackRoute(b.receiver));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds and starts serving.
   *
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public CallbackServer start() {
    http.start();
    return this;
  }

  /** The bound port (the real one when 0 was asked for), or -1 before {@link #start()}. */
  public int port() {
    return http.port();
  }

  public String path() {
    return path;
  }

  /** The local callback URL, e.g. {@code http://127.0.0.1:8080/tim/callback}. */
  public URI url() {
    return http.baseUri().resolve(path);
  }

  /** Stops the HTTP server; idempotent. */
  @Override
  public void close() {
    http.close();
  }

  /** Settings; only {@link #receiver(CallbackReceiver)} is required. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String path = DEFAULT_PATH;
    private CallbackReceiver receiver;

    private Builder() {}

    /** The address to bind (default {@value CallbackServer#DEFAULT_HOST}). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (default {@value CallbackServer#DEFAULT_PORT}); 0 picks a free one. */
    public Builder port(int port) {
      this.port = Ports.check(port);
      return this;
    }

    /** The URL path (default {@value CallbackServer#DEFAULT_PATH}). */
    public Builder path(String path) {
      this.path = HttpHost.normalize(path);
      return this;
    }

    public Builder receiver(CallbackReceiver receiver) {
      this.receiver = receiver;
      return this;
    }

    public CallbackServer build() {
      if (receiver == null) {
        throw new IllegalStateException("receiver is required");
      }
      return new CallbackServer(this);
    }
  }
}
