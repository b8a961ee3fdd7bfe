package dev.timbot.reliability;

import dev.timbot.store.redis.testing.RedisServer;
import java.nio.file.Path;

/**
 * The store the cluster's instances share: a redis-server of its own on a free loopback port
 * ({@code redis}), or — to check the harness alone — an embedded store per instance ({@code file}),
 * which is not a cluster: a conversation's callbacks then land in several journals.
 */
final class SharedStore implements AutoCloseable {
  private final RedisServer redis;

  private SharedStore(RedisServer redis) {
    this.redis = redis;
  }

  static SharedStore start(String kind) {
    switch (kind) {
      case "file" -> {
        return new SharedStore(null);
      }
      case "redis" -> {
        RedisServer r = RedisServer.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(r::stop)); // never outlive the harness
        return new SharedStore(r);
      }
      default -> throw new IllegalArgumentException("cluster.store must be redis or file, not " + kind);
    }
  }

  /** Instance {@code i}'s {@code store.url}. */
  String url(Path work, int i) {
    return redis != null ? redis.url() : "file:" + work.resolve("store" + i);
  }

  String describe() {
    return redis != null ? "store " + redis.url() : "an embedded store per instance, not shared";
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
