package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Values with a deadline in wall-clock milliseconds (of the bot's clock, so a virtual clock drives
 * it in tests, and it means the same after a restart): 8 bytes of deadline, then the value.
 */
final class Expiry {
  static final long NEVER = Long.MAX_VALUE;

  private Expiry() {}

  static long deadline(BotClock clock, Duration ttl) {
    if (ttl == null || ttl.isZero() || ttl.isNegative()) {
      return NEVER;
    }
    return clock.now().toEpochMilli() + ttl.toMillis();
  }

  static byte[] wrap(long deadline, byte[] value) {
    return ByteBuffer.allocate(8 + value.length).putLong(deadline).put(value).array();
  }

  static long deadlineOf(byte[] wrapped) {
    return ByteBuffer.wrap(wrapped).getLong();
  }

  static byte[] valueOf(byte[] wrapped) {
    byte[] out = new byte[wrapped.length - 8];
    System.arraycopy(wrapped, 8, out, 0, out.length);
    return out;
  }

  static boolean live(BotClock clock, byte[] wrapped) {
    long d = deadlineOf(wrapped);
    return d == NEVER || clock.now().toEpochMilli() < d;
  }
}
