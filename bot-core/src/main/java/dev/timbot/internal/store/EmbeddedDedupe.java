package dev.timbot.internal.store;

import com.carrotsearch.hppc.LongLongHashMap;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.DedupeWindow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;

/**
 * Claims made durable with the next commit, swept once a second. Each claim is appended to the
 * {@link ClaimLog} (keyed by an increasing sequence: a commit writes the log's rightmost page, not
 * one random page per claim) and found through an index in memory, a primitive map from the key's
 * 64-bit hash to the sequence of its record. On a hit the record is read back to check its
 * deadline and the key's fingerprint (a second, independent 64-bit hash that tells another key of
 * the same hash apart). A key whose hash a live claim of another key holds (rare) is kept by its
 * full text in {@code collided}, which is also the map of earlier versions (string keys), read
 * until its claims expired; so is a claim without a deadline, which would hold back the log's sweep.
 *
 * <p><b>Memory.</b> The index holds every live claim: two {@code long} arrays of a power-of-two
 * capacity at most 75% full, 21–43 bytes per live claim (32 on average) and half as much again
 * for a moment while it doubles. The runtime makes two claims per message (MsgId and MsgKey) kept
 * {@code dispatch.dedupeTtl} (10 min): at 100 msg/s 120 000 claims, a 4 MB index; at 2 000 msg/s
 * 2.4 M claims, a 64 MB index (96 MB while it doubles). Measured with the store's own share
 * ({@code benchmarks} {@code ClaimHeap}, BENCHMARKS §8g): 15.7 MB of heap for 120 000 claims,
 * 42.9 MB for 1 M, 77 MB for 2.4 M (≈ 10 MB of it MVStore's page cache and the like). The records
 * themselves stay in the file. At open the index is rebuilt by reading the whole log once (0.4 s
 * for 120 000 claims, 0.9–3.6 s for 1–2.4 M on a loaded 2-core box).
 *
 * <p>New claims are staged (in the log, and beside {@code collided}) until the commit thread puts
 * them into their maps right before a commit ({@link GroupCommit}, "Staged writes").
 *
 * <p>Before issue 15's fourth pass claims were kept by their hash ({@link HashKeyedClaims}), each
 * landing on a random page of a map holding the whole window: three quarters of the bytes each
 * commit wrote (BENCHMARKS §8f). Their live claims are moved into the log at open.
 */
final class EmbeddedDedupe implements DedupeWindow, GroupCommit.Staged {
  /** The index's answer for a hash it does not hold (sequences start at 0). */
  private static final long NONE = -1;

  private final ClaimLog claims;
  private final LongLongHashMap index;
  private final LoggedMap<String, byte[]> collided;
  /**
   * Claims kept by text until the commit thread puts them into {@code collided} ({@link
   * GroupCommit}, "Staged writes", as the log's records): a claim is made for a journal entry that
   * may not be durable yet, and must not be durable without it — else a redelivery of a callback
   * whose entry was lost would be taken for a duplicate and never answered. Read before the map.
   */
  private final Map<String, byte[]> stagedByText = new HashMap<>();
  /** Claims by text logged and not yet in {@code collided}; read after {@link #stagedByText}. */
  private final Map<String, byte[]> inFlightByText = new HashMap<>();
  private final BotClock clock;
  private final ToLongFunction<String> hash;

  /** The window of an embedded store: moves claims of the earlier layout into the log, then reads the log. */
  static EmbeddedDedupe open(MVStore mv, RedoLog redo, BotClock clock) {
    return open(mv, redo, clock, EmbeddedDedupe::hash);
  }

  /** With another hash (tests: one that makes every key collide). */
  static EmbeddedDedupe open(MVStore mv, RedoLog redo, BotClock clock, ToLongFunction<String> hash) {
    ClaimLog log = new ClaimLog(LoggedMap.open(mv, redo, LOG));
    HashKeyedClaims.moveInto(mv, log, clock.now().toEpochMilli());
    return new EmbeddedDedupe(log, LoggedMap.open(mv, redo, BY_TEXT), clock, hash);
  }

  /** The claim log's map. */
  static final String LOG = "dedupe.log";
  /** Claims kept by their text: colliding hashes, no deadline, and the layout of the first versions. */
  static final String BY_TEXT = "dedupe";

  private EmbeddedDedupe(ClaimLog log, LoggedMap<String, byte[]> collided, BotClock clock, ToLongFunction<String> hash) {
    this.claims = log;
    this.collided = collided;
    this.clock = clock;
    this.hash = hash;
    this.index = new LongLongHashMap(claims.size()); // sized once, not doubled a dozen times while the log is read
    claims.forEachLive(clock.now().toEpochMilli(), (seq, h) -> index.put(h, seq));
  }

  @Override
  public synchronized Optional<String> claim(String key, String owner, Duration ttl) {
    long hash = this.hash.applyAsLong(key);
    long fingerprint = fingerprint(key);
    long seq = index.getOrDefault(hash, NONE);
    byte[] held = seq == NONE ? null : claims.get(seq);
    if (held != null && Expiry.live(clock, held)) {
      return ClaimLog.fingerprintOf(held) == fingerprint
          ? Optional.of(ClaimLog.ownerOf(held))
          : claimByText(key, owner, ttl); // another key's claim holds this hash
    }
    long deadline = Expiry.deadline(clock, ttl);
    if (deadline == Expiry.NEVER) {
      return claimByText(key, owner, ttl); // would stop the log's sweep at it for good
    }
    Optional<String> byText = collided.isEmpty() && stagedByText.isEmpty() && inFlightByText.isEmpty()
        ? Optional.empty() : heldByText(key);
    if (byText.isPresent()) {
      return byText;
    }
    index.put(hash, claims.append(deadline, hash, fingerprint, owner));
    return Optional.empty();
  }

  private Optional<String> claimByText(String key, String owner, Duration ttl) {
    Optional<String> held = heldByText(key);
    if (held.isEmpty()) {
      stagedByText.put(key, Expiry.wrap(Expiry.deadline(clock, ttl), owner.getBytes(StandardCharsets.UTF_8)));
    }
    return held;
  }

  /** The owner of a live claim of {@code key} kept by its text (a colliding hash, no deadline, or the first layout). */
  private Optional<String> heldByText(String key) {
    byte[] held = stagedByText.get(key);
    if (held == null) {
      held = inFlightByText.get(key);
    }
    if (held == null) {
      held = collided.get(key);
    }
    return held != null && Expiry.live(clock, held)
        ? Optional.of(new String(Expiry.valueOf(held), StandardCharsets.UTF_8)) : Optional.empty();
  }

  /** Whether nothing is staged (tests). */
  synchronized boolean isEmpty() {
    return claims.stagedCount() == 0 && stagedByText.isEmpty() && inFlightByText.isEmpty();
  }

  @Override
  public synchronized void log() {
    claims.logStaged();
    stagedByText.forEach(collided::stageInLog);
    inFlightByText.putAll(stagedByText);
    stagedByText.clear();
  }

  @Override
  public synchronized void apply() {
    claims.applyLogged();
    inFlightByText.forEach(collided::putAlreadyLogged);
    inFlightByText.clear();
  }

  /** Hashes the index holds: live claims and expired ones not swept yet (tests). */
  synchronized int indexed() {
    return index.size();
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

  private String collidedSweptTo = "";

  /**
   * Removes expired claims from the log's head (up to {@link #SWEEP_BATCH} a pass) and their index
   * entries — unless the index points at a newer record of the hash (the key claimed again after
   * it expired, before this sweep).
   */
  synchronized void sweep() {
    claims.sweepHead(clock.now().toEpochMilli(), SWEEP_BATCH, (seq, hash) -> {
      if (index.getOrDefault(hash, NONE) == seq) {
        index.remove(hash);
      }
    });
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
  static String sweep(LoggedMap<String, byte[]> map, BotClock clock, String from) {
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
