package dev.timbot.internal.http;

/** Validation shared by everything that binds a TCP port. */
public final class Ports {
  private Ports() {}

  /** {@code port} if it is 0 (any free port) to 65535; otherwise an error naming it. */
  public static int check(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    return port;
  }
}
