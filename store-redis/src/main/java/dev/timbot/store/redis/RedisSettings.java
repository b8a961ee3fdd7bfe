package dev.timbot.store.redis;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code redis://[user[:password]@]host[:port][/db][?option=value&…]} store URL says
 * ({@code rediss://} for TLS). Options: {@code shards} (journal shards, default 16; fixed by the
 * first process on a Redis), {@code prefix} (key prefix, default {@code timbot:}, so several apps
 * can share a Redis), {@code leaseMs} / {@code renewMs} (how long a process holds a shard without
 * renewing, and how often it renews), {@code timeoutMs} (per command).
 */
record RedisSettings(
    String host,
    int port,
    int database,
    boolean tls,
    String user,
    char[] password,
    int shards,
    String prefix,
    Duration lease,
    Duration renew,
    Duration timeout) {

  static final int DEFAULT_SHARDS = 16;
  static final Duration DEFAULT_LEASE = Duration.ofSeconds(6);
  static final Duration DEFAULT_RENEW = Duration.ofSeconds(2);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  static RedisSettings parse(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException("store.url: the Redis store takes redis:// or rediss:// URLs, got " + scheme + ":");
    }
    String host = url.getHost();
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("store.url: a Redis URL needs a host, e.g. redis://127.0.0.1:6379/0");
    }
    int port = url.getPort() < 0 ? 6379 : url.getPort();
    int db = 0;
    String path = url.getPath();
    if (path != null && path.length() > 1) {
      db = intOption("database (the URL's path)", path.substring(1), 0, 1 << 16);
    }
    String user = null;
    char[] password = null;
    String info = url.getRawUserInfo();
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
    if (!q.isEmpty()) {
      throw new IllegalArgumentException("store.url: unknown Redis option(s) " + q.keySet()
          + " (known: shards, prefix, leaseMs, renewMs, timeoutMs)");
    }
    if (renew.multipliedBy(2).compareTo(lease) > 0) {
      throw new IllegalArgumentException("store.url: renewMs (" + renew.toMillis() + ") must be at most half of leaseMs ("
          + lease.toMillis() + "), so a lease is renewed well before it ends");
    }
    return new RedisSettings(host, port, db, scheme.equals("rediss"), user, password, shards, prefix, lease, renew, timeout);
  }

  /** The URL without its password or options, for logs. */
  String describe() {
    String who = user != null ? user + (password != null ? ":***" : "") + "@" : password != null ? "***@" : "";
    return (tls ? "rediss://" : "redis://") + who + host + ":" + port + "/" + database;
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
