package dev.timbot.internal.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's embedded HTTP server (Jetty 12 core handlers, no servlets): routes by longest
 * path prefix, reads bodies with each route's limit enforced while reading (asynchronously, so a
 * slow client holds no thread), runs on a bounded thread pool behind a connection limit. The callback receiver and, later, the media file route
 * share one host.
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

  /** Sorted longest prefix first; replaced wholesale on change so lookups need no lock. */
  private volatile List<Mount> mounts = List.of();

  private final AtomicInteger inFlight = new AtomicInteger();
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
    synchronized (lock) {
      List<Mount> next = new ArrayList<>();
      for (Mount m : mounts) {
        if (!m.prefix.equals(prefix)) {
          next.add(m);
        }
      }
      next.add(new Mount(prefix, route));
      next.sort(Comparator.comparingInt((Mount m) -> m.prefix.length()).reversed());
      mounts = List.copyOf(next);
    }
    return this;
  }

  /** Unmounts the route at {@code pathPrefix}; returns whether there was one. */
  public boolean removeRoute(String pathPrefix) {
    String prefix = normalize(pathPrefix);
    synchronized (lock) {
      List<Mount> next = new ArrayList<>(mounts);
      boolean removed = next.removeIf(m -> m.prefix.equals(prefix));
      mounts = List.copyOf(next);
      return removed;
    }
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
      s.setHandler(new Dispatch());
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
      awaitRequestsInFlight();
      stopQuietly(s);
      log.info("HTTP server on {}:{} stopped", host, boundPort);
    }
  }

  /**
   * Lets requests in flight (a callback being acknowledged) finish, for up to 2 s. Done by hand
   * because Jetty's graceful stop also waits for idle keep-alive connections, and the IM service
   * keeps its connections open: every stop would take the whole grace period.
   */
  private void awaitRequestsInFlight() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (inFlight.get() > 0) {
      log.warn("stopping the HTTP server with {} requests still in flight", inFlight.get());
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

  private Mount match(String path) {
    for (Mount m : mounts) {
      if (m.matches(path)) {
        return m;
      }
    }
    return null;
  }

  private record Mount(String prefix, HttpRoute route) {
    boolean matches(String path) {
      return prefix.equals("/")
          || path.equals(prefix)
          || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }
  }

  /** The one Jetty handler: find the route, read the body within its limit, run it, write. */
  private final class Dispatch extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback jettyCallback) {
      inFlight.incrementAndGet();
      Callback callback = new Tracked(jettyCallback);
      String path = Request.getPathInContext(request);
      Mount mount = path == null ? null : match(path);
      if (mount == null) {
        write(response, callback, HttpResponse.text(404, "not found"));
        return true;
      }
      Map<String, String> query;
      try {
        query = QueryString.of(request);
      } catch (RuntimeException e) {
        write(response, callback, HttpResponse.text(400, "malformed query string"));
        return true;
      }
      Map<String, String> headers = new RequestHeaders(request.getHeaders());
      String remote = Request.getRemoteAddr(request);
      String method = request.getMethod();
      HttpRoute route = mount.route;
      int limit = Math.max(0, route.maxBodyBytes());
      HttpRequest head = new HttpRequest(method, path, query, headers, null, remote);
      long declared = request.getLength();
      if (declared > limit) {
        // Refuse before reading a byte; Jetty closes the connection as the body is left unread.
        write(response, callback, tooLarge(route, head));
        return true;
      }
      new BoundedBodyReader(
              request,
              limit,
              declared,
              new BoundedBodyReader.Outcome() {
                @Override
                public void body(byte[] body) {
                  HttpRequest full = new HttpRequest(method, path, query, headers, body, remote);
                  write(response, callback, invoke(route, full));
                }

                @Override
                public void tooLarge() {
                  write(response, callback, HttpHost.tooLarge(route, head));
                }

                @Override
                public void failed(Throwable failure) {
                  // The client went away or timed out mid-body; nobody is left to answer.
                  log.debug("request body of {} {} not read: {}", method, path, failure.toString());
                  callback.failed(failure);
                }
              })
          .run();
      return true;
    }
  }

  /** Completes Jetty's callback and counts the request as finished. */
  private final class Tracked implements Callback {
    private final Callback delegate;
    private final AtomicBoolean done = new AtomicBoolean();

    Tracked(Callback delegate) {
      this.delegate = delegate;
    }

    @Override
    public void succeeded() {
      finish();
      delegate.succeeded();
    }

    @Override
    public void failed(Throwable failure) {
      finish();
      delegate.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
      return delegate.getInvocationType();
    }

    private void finish() {
      if (done.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    }
  }

  private static HttpResponse invoke(HttpRoute route, HttpRequest request) {
    try {
      HttpResponse r = route.handle(request);
      return r != null ? r : HttpResponse.text(500, "internal server error");
    } catch (Exception | LinkageError | AssertionError e) {
      log.error("route failed on {} {}", request.method(), request.path(), e);
      return HttpResponse.text(500, "internal server error");
    }
  }

  private static HttpResponse tooLarge(HttpRoute route, HttpRequest head) {
    try {
      return route.bodyTooLarge(head);
    } catch (RuntimeException e) {
      log.error("route failed answering an oversized body on {}", head.path(), e);
      return HttpResponse.text(413, "request body too large");
    }
  }

  private static void write(Response response, Callback callback, HttpResponse r) {
    try {
      response.setStatus(r.status());
      HttpFields.Mutable h = response.getHeaders();
      if (r.contentType() != null) {
        h.put(HttpHeader.CONTENT_TYPE, r.contentType());
      }
      r.headers().forEach(h::put);
      h.put(HttpHeader.CONTENT_LENGTH, r.body().length);
      response.write(true, ByteBuffer.wrap(r.body()), callback);
    } catch (RuntimeException e) {
      callback.failed(e);
    }
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
