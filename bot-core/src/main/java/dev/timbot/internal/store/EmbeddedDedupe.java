package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.DedupeWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Claims made durable with the next commit, swept once a second. Message keys arrive in no order,
 * so every claim lands on a random page of the map, which the next commit writes again whole: the
 * claims are therefore kept by a 64-bit hash of the key ({@code long} keys, values of bytes — cheap
 * to write and read back), value = deadline, owner, and a second, independent 64-bit hash of the
 * key (its fingerprint) that tells another key with the same hash apart. A key whose hash a live
 * claim of another key holds (rare) is kept by its full text in {@code collided}, which is also
 * the map of earlier versions (string keys), read until its claims expired.
 *
 * <p>Values held the key's text until issue 15's third pass: two claims per message made three
 * quarters of the bytes each commit wrote (9.1 KB per echoed message with claims, 2.3 KB without);
 * a fingerprint instead of ~35 bytes of text writes 16% fewer bytes per message and reads 37% fewer
 * back (BENCHMARKS §8f). Values of that earlier layout are still compared by text until they expire.
 */
final class EmbeddedDedupe implements DedupeWindow, GroupCommit.Staged {
  private final MVMap<Long, byte[]> claims;
  private final MVMap<String, byte[]> collided;
  /**
   * New claims until the commit thread puts them into their maps ({@link GroupCommit}, "Staged
   * writes"): a claim is made for a journal entry that may not be durable yet, and must not be
   * durable without it — else a redelivery of a callback whose entry was lost would be taken for a
   * duplicate and never answered. Read before the maps; guarded by this object.
   */
  private final Map<Long, byte[]> stagedByHash = new HashMap<>();
  private final Map<String, byte[]> stagedByText = new HashMap<>();
  private final BotClock clock;
  private final ToLongFunction<String> hash;

  EmbeddedDedupe(MVMap<Long, byte[]> claims, MVMap<String, byte[]> collided, BotClock clock) {
    this(claims, collided, clock, EmbeddedDedupe::hash);
  }

  /** With another hash (tests: one that makes every key collide). */
  EmbeddedDedupe(MVMap<Long, byte[]> claims, MVMap<String, byte[]> collided, BotClock clock, ToLongFunction<String> hash) {
    this.claims = claims;
    this.collided = collided;
    this.clock = clock;
    this.hash = hash;
  }

  @Override
  public synchronized Optional<String> claim(String key, String owner, Duration ttl) {
    long hash = this.hash.applyAsLong(key);
    long fingerprint = fingerprint(key);
    byte[] staged = stagedByHash.get(hash);
    byte[] held = staged != null ? staged : claims.get(hash);
    boolean heldLive = held != null && Expiry.live(clock, held);
    if (heldLive && !sameKey(held, key, fingerprint)) {
      return claimByText(key, owner, ttl); // another key's claim holds this hash
    }
    if (heldLive) {
      return Optional.of(ownerOf(held));
    }
    Optional<String> byText = collided.isEmpty() && stagedByText.isEmpty() ? Optional.empty() : heldByText(key);
    if (byText.isPresent()) {
      return byText;
    }
    stagedByHash.put(hash, encode(Expiry.deadline(clock, ttl), owner, fingerprint));
    return Optional.empty();
  }

  @Override
  public synchronized boolean isEmpty() {
    return stagedByHash.isEmpty() && stagedByText.isEmpty();
  }

  @Override
  public synchronized void apply() {
    stagedByHash.forEach(claims::put);
    stagedByHash.clear();
    stagedByText.forEach(collided::put);
    stagedByText.clear();
  }

  private Optional<String> claimByText(String key, String owner, Duration ttl) {
    Optional<String> held = heldByText(key);
    if (held.isEmpty()) {
      stagedByText.put(key, Expiry.wrap(Expiry.deadline(clock, ttl), owner.getBytes(StandardCharsets.UTF_8)));
    }
    return held;
  }

  /** The owner of a live claim of {@code key} kept by its text (a colliding hash, or the earlier layout). */
  private Optional<String> heldByText(String key) {
    byte[] staged = stagedByText.get(key);
    byte[] held = staged != null ? staged : collided.get(key);
    return held != null && Expiry.live(clock, held)
        ? Optional.of(new String(Expiry.valueOf(held), StandardCharsets.UTF_8)) : Optional.empty();
  }

  /**
   * deadline (8) | owner length (2) | owner | {@link #FINGERPRINT} | fingerprint (8). The earlier
   * layout had the key's UTF-8 text after the owner, which never starts with the byte 0xFF.
   */
  private static byte[] encode(long deadline, String owner, long fingerprint) {
    byte[] o = owner.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(19 + o.length).putLong(deadline).putShort((short) o.length).put(o).put(FINGERPRINT)
        .putLong(fingerprint).array();
  }

  /** Marks a fingerprint after the owner (a byte that UTF-8 text never holds). */
  static final byte FINGERPRINT = (byte) 0xFF;

  private static String ownerOf(byte[] v) {
    int len = ownerLength(v);
    return new String(v, 10, len, StandardCharsets.UTF_8);
  }

  private static int ownerLength(byte[] v) {
    return ((v[8] & 0xff) << 8) | (v[9] & 0xff);
  }

  private static boolean sameKey(byte[] v, String key, long fingerprint) {
    int from = 10 + ownerLength(v);
    if (v.length == from + 9 && v[from] == FINGERPRINT) {
      return ByteBuffer.wrap(v, from + 1, 8).getLong() == fingerprint;
    }
    byte[] text = key.getBytes(StandardCharsets.UTF_8); // a claim of the earlier layout: the key's text
    return Arrays.equals(v, from, v.length, text, 0, text.length);
  }

  /**
   * A second 64-bit hash of the key, independent of {@link #hash}: FNV-1a from another offset over
   * the units in reverse, then the SplitMix64 finaliser. Two keys that share both (about 2^-128 per pair)
   * would be taken for one; the text comparison this replaces had no such chance.
   */
  static long fingerprint(String key) {
    long h = 0x84222325cbf29ce4L;
    for (int i = key.length() - 1; i >= 0; i--) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser: spreads similar keys apart. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private long sweptTo = Long.MIN_VALUE;
  private String collidedSweptTo = "";

  synchronized void sweep() {
    sweptTo = sweep(claims, clock, sweptTo, Long.MIN_VALUE);
    if (!collided.isEmpty()) {
      collidedSweptTo = sweep(collided, clock, collidedSweptTo);
    }
  }

  /** Entries one housekeeping pass looks at, so a large window costs little per second. */
  static final int SWEEP_BATCH = 20_000;

  /**
   * Removes expired entries of a map of {@link Expiry}-wrapped values, looking at up to {@link
   * #SWEEP_BATCH} keys after {@code from}; returns where the next pass starts ("" = the beginning).
   */
  static String sweep(MVMap<String, byte[]> map, BotClock clock, String from) {
    return sweep(map, clock, from, "");
  }

  /** As {@link #sweep(MVMap, BotClock, String)} for any key type; {@code beginning} starts over. */
  static <K> K sweep(MVMap<K, byte[]> map, BotClock clock, K from, K beginning) {
    List<K> dead = new ArrayList<>();
    Cursor<K, byte[]> c = map.cursor(from);
    int seen = 0;
    K last = beginning;
    while (seen < SWEEP_BATCH && c.hasNext()) {
      last = c.next();
      seen++;
      if (!Expiry.live(clock, c.getValue())) {
        dead.add(last);
      }
    }
    dead.forEach(map::remove);
    return seen < SWEEP_BATCH ? beginning : last;
  }
}
