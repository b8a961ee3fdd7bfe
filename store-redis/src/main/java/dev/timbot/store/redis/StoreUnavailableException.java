package dev.timbot.store.redis;

import dev.timbot.spi.Store;

/**
 * The Redis store cannot do what was asked (Redis unreachable, too slow, or refusing): the message
 * names the store by its URL without the password. The receiver answers such a callback with 503,
 * so the service sends it again; nothing is acknowledged that was not journaled.
 */
final class StoreUnavailableException extends Store.Unavailable {
  private static final long serialVersionUID = 1L;

  StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
