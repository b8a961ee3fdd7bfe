package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.DedupeWindow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/** Claims as key → (deadline, owner); made durable with the next commit, swept once a second. */
final class EmbeddedDedupe implements DedupeWindow {
  private final MVMap<String, byte[]> claims;
  private final BotClock clock;

  EmbeddedDedupe(MVMap<String, byte[]> claims, BotClock clock) {
    this.claims = claims;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<String> claim(String key, String owner, Duration ttl) {
    byte[] held = claims.get(key);
    if (held != null && Expiry.live(clock, held)) {
      return Optional.of(new String(Expiry.valueOf(held), StandardCharsets.UTF_8));
    }
    claims.put(key, Expiry.wrap(Expiry.deadline(clock, ttl), owner.getBytes(StandardCharsets.UTF_8)));
    return Optional.empty();
  }

  private String sweptTo = "";

  synchronized void sweep() {
    sweptTo = sweep(claims, clock, sweptTo);
  }

  /** Entries one housekeeping pass looks at, so a large window costs little per second. */
  static final int SWEEP_BATCH = 20_000;

  /**
   * Removes expired entries of a map of {@link Expiry}-wrapped values, looking at up to {@link
   * #SWEEP_BATCH} keys after {@code from}; returns where the next pass starts ("" = the beginning).
   */
  static String sweep(MVMap<String, byte[]> map, BotClock clock, String from) {
    List<String> dead = new ArrayList<>();
    Cursor<String, byte[]> c = map.cursor(from);
    int seen = 0;
    String last = "";
    while (seen < SWEEP_BATCH && c.hasNext()) {
      last = c.next();
      seen++;
      if (!Expiry.live(clock, c.getValue())) {
        dead.add(last);
      }
    }
    dead.forEach(map::remove);
    return seen < SWEEP_BATCH ? "" : last;
  }
}
