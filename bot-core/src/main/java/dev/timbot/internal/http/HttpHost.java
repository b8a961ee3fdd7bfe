package dev.timbot.internal.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's embedded HTTP server (Jetty 12 core handlers, no servlets): routes by longest
 * path prefix ({@link RouteTable}), reads bodies with each route's limit enforced while reading
 * ({@link RouteDispatch}), runs on a bounded thread pool behind a connection limit, and lets
 * requests in flight finish when it stops ({@link InFlightRequests}). The callback receiver and,
 * later, the media file route share one host.
 */
public final class HttpHost implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpHost.class);
  private static final long STOP_GRACE_MILLIS = 2_000;

  private final String host;
  private final int requestedPort;
  private final int maxThreads;
  private final int minThreads;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final String name;
  private final Object lock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();

  private final RouteTable routes = new RouteTable();
  private final InFlightRequests inFlight = new InFlightRequests();
  private Server server;
  private ServerConnector connector;

  private HttpHost(Builder b) {
    this.host = b.host;
    this.requestedPort = b.port;
    this.maxThreads = b.maxThreads;
    this.minThreads = Math.min(b.minThreads, b.maxThreads);
    this.maxConnections = b.maxConnections;
    this.idleTimeout = b.idleTimeout;
    this.name = b.name;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Mounts {@code route} at {@code pathPrefix} (e.g. {@code /tim/callback}); it receives that
   * path and everything below it. Replaces a route mounted at the same prefix. Allowed before and
   * after {@link #start()}.
   */
  public HttpHost route(String pathPrefix, HttpRoute route) {
    String prefix = normalize(pathPrefix);
    Objects.requireNonNull(route, "route");
    routes.put(prefix, route);
    return this;
  }

  /** Unmounts the route at {@code pathPrefix}; returns whether there was one. */
  public boolean removeRoute(String pathPrefix) {
    return routes.remove(normalize(pathPrefix));
  }

  /**
   * Binds and starts serving.
   *
   * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
   */
  public HttpHost start() {
    synchronized (lock) {
      if (closed.get()) {
        throw new IllegalStateException("http host is closed");
      }
      if (server != null) {
        return this;
      }
      // Bounded threads; Jetty's job queue stays unbounded (its own selector and acceptor jobs go
      // through it and must not be refused) and the load is bounded by the connection limit.
      QueuedThreadPool threads = new QueuedThreadPool(maxThreads, minThreads, (int) idleTimeout.toMillis());
      threads.setName(name);
      Server s = new Server(threads);
      HttpConfiguration config = new HttpConfiguration();
      config.setSendServerVersion(false);
      config.setSendXPoweredBy(false);
      // Jetty's per-connection header cache is a ~98 KB table each; a burst holds hundreds of
      // keep-alive connections, and callbacks repeat few headers (27 MB of a 50 000 burst's heap).
      config.setHeaderCacheSize(0);
      // One acceptor and one selector are plenty for callback traffic and keep the pool free.
      ServerConnector c = new ServerConnector(s, 1, 1, new QuietTargetConnectionFactory(config));
      c.setHost(host);
      c.setPort(requestedPort);
      c.setIdleTimeout(idleTimeout.toMillis());
      s.addConnector(c);
      s.addBean(new NetworkConnectionLimit(maxConnections, c));
      ErrorHandler errors = new ErrorHandler();
      errors.setShowStacks(false);
      errors.setShowCauses(false);
      errors.setShowMessageInTitle(false);
      s.setErrorHandler(errors);
      s.setHandler(new RouteDispatch(routes, inFlight));
      s.setStopTimeout(0); // close() waits for requests in flight itself, see there
      try {
        s.start();
      } catch (IOException e) {
        stopQuietly(s);
        throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
      } catch (Exception e) {
        stopQuietly(s);
        throw new IllegalStateException("cannot start the HTTP server on " + host + ":" + requestedPort, e);
      }
      server = s;
      connector = c;
      log.info("HTTP server listening on {}:{}", host, c.getLocalPort());
      return this;
    }
  }

  /** The bound port (the real one when 0 was asked for), or -1 before {@link #start()}. */
  public int port() {
    synchronized (lock) {
      return connector == null ? -1 : connector.getLocalPort();
    }
  }

  public String host() {
    return host;
  }

  /** {@code http://host:port} with a wildcard host replaced by the loopback address. */
  public URI baseUri() {
    String h = host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return URI.create("http://" + h + ":" + port());
  }

  /** Requests taken and not yet answered, an answer still to come from an asynchronous route included. */
  int inFlight() {
    return inFlight.count();
  }

  public boolean isRunning() {
    synchronized (lock) {
      return server != null && server.isRunning();
    }
  }

  /** Stops serving, after letting requests in flight finish (up to 2 s); idempotent. */
  @Override
  public void close() {
    Server s;
    int boundPort;
    synchronized (lock) {
      closed.set(true);
      s = server;
      boundPort = connector == null ? -1 : connector.getLocalPort();
      server = null;
      connector = null;
    }
    if (s != null) {
      // Outside the lock: a route still running may call port() or route() without waiting.
      inFlight.awaitNone(STOP_GRACE_MILLIS);
      stopQuietly(s);
      log.info("HTTP server on {}:{} stopped", host, boundPort);
    }
  }

  private static void stopQuietly(Server s) {
    try {
      s.stop();
    } catch (Exception e) {
      log.warn("HTTP server did not stop cleanly", e);
    }
  }

  /** {@code /path} with one leading slash and no trailing one ({@code /} stays {@code /}). */
  public static String normalize(String prefix) {
    Objects.requireNonNull(prefix, "path");
    String p = prefix.trim();
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }


  /** Settings; every one has a default. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 0;
    private int maxThreads = 16;
    private int minThreads = 2;
    private int maxConnections = 512;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private String name = "timbot-http";

    private Builder() {}

    /** The address to bind, default {@code 0.0.0.0}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port, default 0 (any free port; read it back with {@link HttpHost#port()}). */
    public Builder port(int port) {
      this.port = Ports.check(port);
      return this;
    }

    /** Upper bound of the server's threads (default 16; at least 8, Jetty needs a few itself). */
    public Builder maxThreads(int maxThreads) {
      if (maxThreads < 8) {
        throw new IllegalArgumentException("maxThreads must be at least 8");
      }
      this.maxThreads = maxThreads;
      return this;
    }

    public Builder minThreads(int minThreads) {
      if (minThreads < 1) {
        throw new IllegalArgumentException("minThreads must be positive");
      }
      this.minThreads = minThreads;
      return this;
    }

    /** Open connections at most; beyond it the server stops accepting (default 512). */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be positive");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /** Idle connection and thread timeout (default 30 s). */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    /** Thread name prefix (default {@code timbot-http}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public HttpHost build() {
      return new HttpHost(this);
    }
  }
}
