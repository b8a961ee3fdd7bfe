package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.KeyedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.Cursor;

/** One namespace of keyed state: key → (deadline, value). */
final class EmbeddedState implements KeyedState {
  private final LoggedMap<String, byte[]> values;
  private final GroupCommit commits;
  private final BotClock clock;

  EmbeddedState(LoggedMap<String, byte[]> values, GroupCommit commits, BotClock clock) {
    this.values = values;
    this.commits = commits;
    this.clock = clock;
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] v = values.get(key);
    return v != null && Expiry.live(clock, v) ? Optional.of(Expiry.valueOf(v)) : Optional.empty();
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    values.put(key, Expiry.wrap(Expiry.deadline(clock, ttl), value));
  }

  @Override
  public boolean remove(String key) {
    byte[] v = values.remove(key);
    return v != null && Expiry.live(clock, v);
  }

  @Override
  public synchronized boolean replace(String key, byte[] expected, byte[] value, Duration ttl) {
    // One process owns the file: this lock makes the comparison and the write one step.
    byte[] current = get(key).orElse(null);
    if (!Arrays.equals(current, expected)) {
      return false;
    }
    if (value == null) {
      values.remove(key);
    } else {
      put(key, value, ttl);
    }
    return true;
  }

  @Override
  public List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    Cursor<String, byte[]> c = values.cursor(prefix);
    while (c.hasNext()) {
      String k = c.next();
      if (!k.startsWith(prefix)) {
        break;
      }
      if (Expiry.live(clock, c.getValue())) {
        out.add(k);
      }
    }
    return out;
  }

  @Override
  public CompletableFuture<Void> flush() {
    return commits.flush();
  }

  private String sweptTo = "";

  void sweep() {
    sweptTo = EmbeddedDedupe.sweep(values, clock, sweptTo);
  }
}
