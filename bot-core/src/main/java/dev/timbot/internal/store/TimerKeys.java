package dev.timbot.internal.store;

import java.time.Instant;
import java.util.Objects;

/** Argument checks shared by the timer stores: a clear error instead of a corrupt index. */
final class TimerKeys {
  private TimerKeys() {}

  static void check(String key, Instant at, byte[] payload) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a timer key must not be empty");
    }
    Objects.requireNonNull(at, "a timer needs a due time");
    Objects.requireNonNull(payload, "a timer payload must not be null (use an empty array)");
    if (at.toEpochMilli() < 0) {
      throw new IllegalArgumentException("timer " + key + " is due before 1970: " + at);
    }
  }
}
