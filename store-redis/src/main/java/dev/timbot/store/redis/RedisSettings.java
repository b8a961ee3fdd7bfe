package dev.timbot.store.redis;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a Redis store URL says. One server: {@code redis://[user[:password]@]host[:port][/db][?option=value&…]}
 * ({@code rediss://} for TLS). Through Sentinel: {@code
 * redis-sentinel://[user[:password]@]host:port[,host:port…][/db]#master} ({@code rediss-sentinel://}
 * for TLS to the data nodes): the sentinels are asked which server is the master named after
 * {@code #}, and asked again after a failover; the password is the data nodes'. Options: {@code
 * shards} (journal shards, default 16; fixed by the first process on a Redis), {@code prefix} (key
 * prefix, default {@code timbot:}, so several apps can share a Redis), {@code leaseMs} / {@code
 * renewMs} (how long a process holds a shard without renewing, and how often it renews), {@code
 * timeoutMs} (per command), {@code tlsCa} (a PEM file of the certificates to trust for TLS, e.g.
 * a private CA; without it the JVM's trust store is used).
 */
record RedisSettings(
    List<Node> nodes,
    String master,
    int database,
    boolean tls,
    String user,
    char[] password,
    int shards,
    String prefix,
    Duration lease,
    Duration renew,
    Duration timeout,
    Path tlsCa) {

  static final int DEFAULT_SHARDS = 16;
  static final Duration DEFAULT_LEASE = Duration.ofSeconds(6);
  static final Duration DEFAULT_RENEW = Duration.ofSeconds(2);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel");
  private static final int SENTINEL_PORT = 26379;

  /** A server (or, with {@link #master}, a sentinel). */
  record Node(String host, int port) {
    @Override
    public String toString() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  static RedisSettings parse(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("store.url: the Redis store takes redis://, rediss://, redis-sentinel:// or "
          + "rediss-sentinel:// URLs, got " + scheme + ":");
    }
    boolean sentinel = scheme.endsWith("-sentinel");
    String authority = url.getRawAuthority();
    if (authority == null || authority.isBlank()) {
      throw new IllegalArgumentException("store.url: a Redis URL needs a host, e.g. redis://127.0.0.1:6379/0");
    }
    String info = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      info = authority.substring(0, at);
      authority = authority.substring(at + 1);
    }
    List<Node> nodes = new ArrayList<>();
    for (String hostPort : authority.split(",")) {
      nodes.add(node(hostPort, sentinel ? SENTINEL_PORT : 6379));
    }
    if (!sentinel && nodes.size() > 1) {
      throw new IllegalArgumentException("store.url: several hosts are for redis-sentinel:// URLs (…#master); "
          + "redis:// names one server");
    }
    String master = null;
    if (sentinel) {
      master = url.getFragment();
      if (master == null || master.isBlank()) {
        throw new IllegalArgumentException("store.url: a redis-sentinel:// URL names its master after #, e.g. "
            + "redis-sentinel://127.0.0.1:26379/0#mymaster");
      }
    } else if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("store.url: #" + url.getFragment() + " (a master name) is for redis-sentinel:// URLs");
    }
    int db = 0;
    String path = url.getRawPath();
    if (path != null && path.length() > 1) {
      db = intOption("database (the URL's path)", path.substring(1), 0, 1 << 16);
    }
    String user = null;
    char[] password = null;
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      String u = colon < 0 ? info : info.substring(0, colon);
      user = u.isEmpty() ? null : decode(u);
      if (colon >= 0) {
        password = decode(info.substring(colon + 1)).toCharArray();
      } else {
        // redis://secret@host is the common way to give only a password
        password = decode(u).toCharArray();
        user = null;
      }
    }
    Map<String, String> q = query(url.getRawQuery());
    int shards = q.containsKey("shards") ? intOption("shards", q.remove("shards"), 1, 1024) : DEFAULT_SHARDS;
    String prefix = q.containsKey("prefix") ? q.remove("prefix") : "timbot:";
    Duration lease = q.containsKey("leaseMs") ? Duration.ofMillis(intOption("leaseMs", q.remove("leaseMs"), 100, 600_000)) : DEFAULT_LEASE;
    Duration renew = q.containsKey("renewMs") ? Duration.ofMillis(intOption("renewMs", q.remove("renewMs"), 10, 600_000)) : DEFAULT_RENEW;
    Duration timeout = q.containsKey("timeoutMs") ? Duration.ofMillis(intOption("timeoutMs", q.remove("timeoutMs"), 10, 600_000)) : DEFAULT_TIMEOUT;
    boolean tls = scheme.startsWith("rediss");
    Path tlsCa = q.containsKey("tlsCa") ? Path.of(q.remove("tlsCa")) : null;
    if (!q.isEmpty()) {
      throw new IllegalArgumentException("store.url: unknown Redis option(s) " + q.keySet()
          + " (known: shards, prefix, leaseMs, renewMs, timeoutMs, tlsCa)");
    }
    if (tlsCa != null && !tls) {
      throw new IllegalArgumentException("store.url: tlsCa is for TLS (rediss:// or rediss-sentinel://) URLs");
    }
    if (tlsCa != null && !Files.isReadable(tlsCa)) {
      throw new IllegalArgumentException("store.url: tlsCa " + tlsCa + " is not a readable file");
    }
    if (renew.multipliedBy(2).compareTo(lease) > 0) {
      throw new IllegalArgumentException("store.url: renewMs (" + renew.toMillis() + ") must be at most half of leaseMs ("
          + lease.toMillis() + "), so a lease is renewed well before it ends");
    }
    return new RedisSettings(List.copyOf(nodes), master, db, tls, user, password, shards, prefix, lease, renew, timeout,
        tlsCa);
  }

  private static Node node(String hostPort, int defaultPort) {
    String h = hostPort.trim();
    int port = defaultPort;
    int colon = h.lastIndexOf(':');
    if (colon > 0 && colon > h.lastIndexOf(']')) {
      port = intOption("port", h.substring(colon + 1), 1, 65_535);
      h = h.substring(0, colon);
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.isBlank()) {
      throw new IllegalArgumentException("store.url: a Redis URL needs a host, e.g. redis://127.0.0.1:6379/0");
    }
    return new Node(h, port);
  }

  /** The first (for a plain URL the only) server. */
  String host() {
    return nodes.get(0).host();
  }

  int port() {
    return nodes.get(0).port();
  }

  /** The URL without its password or options, for logs. */
  String describe() {
    String who = user != null ? user + (password != null ? ":***" : "") + "@" : password != null ? "***@" : "";
    String hosts = String.join(",", nodes.stream().map(Node::toString).toList());
    return (tls ? "rediss" : "redis") + (master != null ? "-sentinel" : "") + "://" + who + hosts + "/" + database
        + (master != null ? "#" + master : "");
  }

  @Override
  public String toString() {
    return describe();
  }

  private static int intOption(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("store.url: Redis " + name + " must be a whole number from " + min + " to " + max
        + ", got '" + value + "'");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("store.url: Redis options look like ?shards=16&prefix=app1:, got '" + pair + "'");
      }
      out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
