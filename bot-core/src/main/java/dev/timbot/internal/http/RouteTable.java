package dev.timbot.internal.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routes of an {@link HttpHost} by path prefix, matched longest prefix first. Changes are
 * rare (mounting at startup) and lookups happen on every request, so the list is replaced
 * wholesale on change and read without a lock.
 */
final class RouteTable {
  private final Object lock = new Object();

  /** Sorted longest prefix first. */
  private volatile List<Mount> mounts = List.of();

  /** Mounts {@code route} at a {@linkplain HttpHost#normalize normalized} prefix, replacing one there. */
  void put(String prefix, HttpRoute route) {
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
  }

  /** Unmounts the route at a normalized prefix; returns whether there was one. */
  boolean remove(String prefix) {
    synchronized (lock) {
      List<Mount> next = new ArrayList<>(mounts);
      boolean removed = next.removeIf(m -> m.prefix.equals(prefix));
      mounts = List.copyOf(next);
      return removed;
    }
  }

  /** The route with the longest prefix that covers {@code path}, or null. */
  HttpRoute match(String path) {
    for (Mount m : mounts) {
      if (m.matches(path)) {
        return m.route;
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
}
