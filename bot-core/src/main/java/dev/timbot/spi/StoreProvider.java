package dev.timbot.spi;

import java.net.URI;
import java.util.Set;

/**
 * Opens a {@link Store} for the {@code store.url} schemes it names. Found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.timbot.spi.StoreProvider}), so a backend
 * such as Redis is chosen by configuration alone once its module is on the class path. The
 * built-in {@code file:} and {@code memory:} stores need no provider.
 */
public interface StoreProvider {

  /** Lower-case URL schemes, e.g. {@code redis} and {@code rediss}. */
  Set<String> schemes();

  /**
   * Opens the store. Time to live and timestamps follow {@code clock}.
   *
   * @throws IllegalArgumentException for a URL it cannot use, with a message naming the problem
   *     (never a password from the URL)
   */
  Store open(URI url, BotClock clock);
}
