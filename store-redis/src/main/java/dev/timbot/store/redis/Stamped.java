package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A value with its deadline on the bot's clock, as Redis keeps it: {@code "<deadline ms>:<bytes>"}
 * ({@code 0}: never). Expiry follows the bot's clock (a virtual clock in tests, and the same
 * meaning in every process); Redis's own {@code PX} only collects what is long dead.
 */
final class Stamped {
  private Stamped() {}

  /** The deadline in bot-clock epoch ms, 0 for none. */
  static long deadline(BotClock clock, Duration ttl) {
    return hasTtl(ttl) ? clock.now().toEpochMilli() + ttl.toMillis() : 0;
  }

  static boolean hasTtl(Duration ttl) {
    return ttl != null && !ttl.isZero() && !ttl.isNegative();
  }

  /** Redis's expiry for a ttl: at least 1 ms. */
  static long px(Duration ttl) {
    return Math.max(1, ttl.toMillis());
  }

  static byte[] wrap(long deadline, byte[] value) {
    byte[] head = (deadline + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + value.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(value, 0, out, head.length, value.length);
    return out;
  }

  /** The value if it is live at {@code nowMillis}, else null. */
  static byte[] unwrapLive(byte[] stored, long nowMillis) {
    int sep = 0;
    while (stored[sep] != ':') {
      sep++;
    }
    long deadline = Long.parseLong(new String(stored, 0, sep, StandardCharsets.US_ASCII));
    if (deadline != 0 && deadline <= nowMillis) {
      return null;
    }
    byte[] out = new byte[stored.length - sep - 1];
    System.arraycopy(stored, sep + 1, out, 0, out.length);
    return out;
  }
}
