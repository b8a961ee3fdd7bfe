package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Opens the store named by {@code store.url}: {@code memory:}, {@code file:DIR[?fsync=always|everysec]},
 * or a provider's scheme.
 */
public final class Stores {
  public static final String DEFAULT_URL = "file:./data/timbot";

  private Stores() {}

  public static Store open(String url, BotClock clock) {
    String u = url == null || url.isBlank() ? DEFAULT_URL : url.trim();
    int colon = u.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("store.url must look like file:DIR, memory: or redis://host:port, got '"
          + redact(u) + "'");
    }
    String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = u.substring(colon + 1);
    switch (scheme) {
      case "memory":
        return new MemoryStore(clock);
      case "file":
        if (rest.startsWith("//")) {
          rest = rest.substring(2); // file:///srv/bot → /srv/bot
        }
        int query = rest.indexOf('?');
        String directory = query < 0 ? rest : rest.substring(0, query);
        if (directory.isBlank()) {
          throw new IllegalArgumentException("store.url file: needs a directory, e.g. file:./data/timbot");
        }
        return new EmbeddedStore(Path.of(directory), clock, fsync(query < 0 ? "" : rest.substring(query + 1)));
      default:
        for (Store.Provider p : ServiceLoader.load(Store.Provider.class)) {
          if (p.schemes().contains(scheme)) {
            try {
              return p.open(new URI(u), clock);
            } catch (URISyntaxException e) {
              throw new IllegalArgumentException("store.url is not a valid URL: " + redact(u), e);
            }
          }
        }
        throw new IllegalArgumentException("store.url scheme '" + scheme
            + "' has no store on the class path (built in: file:, memory:; add the module of the backend, e.g. redis)");
    }
  }

  /** The mode of {@code file:DIR?fsync=always|everysec} (the only parameter a file store takes). */
  static Fsync fsync(String query) {
    Fsync mode = Fsync.ALWAYS;
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      if (!name.equals("fsync") || eq < 0) {
        throw new IllegalArgumentException("store.url: a file store takes one parameter, fsync=always|everysec;"
            + " got '" + param + "'");
      }
      mode = Fsync.parse(param.substring(eq + 1));
    }
    return mode;
  }

  /** The URL without a password ({@code redis://user:secret@host} → {@code redis://user:***@host}). */
  static String redact(String url) {
    return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@");
  }
}
