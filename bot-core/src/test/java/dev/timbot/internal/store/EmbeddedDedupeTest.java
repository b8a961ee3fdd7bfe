package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's dedupe window: the claim log, its index in memory, the sweep, collisions and migration. */
class EmbeddedDedupeTest {
  static final Duration TTL = Duration.ofMinutes(10);

  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final MVStore mv = new MVStore.Builder().open();
  @TempDir Path dir;
  private RedoLog redo;

  @AfterEach
  void close() {
    mv.close();
    if (redo != null) {
      redo.close();
    }
  }

  /** The log the window's maps write to (what it holds is not read here). */
  RedoLog redo() {
    if (redo == null) {
      redo = RedoLog.open(dir.resolve("redo"));
    }
    return redo;
  }

  MVMap<Long, byte[]> log() {
    return TypedMaps.open(mv, EmbeddedDedupe.LOG); // single-writer, as the window opens it
  }

  /** What the commit thread does: logs the staged claims, puts them in once the commit is written, sweeps. */
  static void commitAndSweep(EmbeddedDedupe d) {
    commit(d);
    d.sweep();
  }

  /** A commit's two steps for staged claims. */
  static void commit(EmbeddedDedupe d) {
    d.log();
    d.apply();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void claimsSurviveACloseAndReopenWithTheIndexRebuiltFromTheLog() {
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      for (int i = 0; i < 100; i++) {
        assertThat(store.dedupe().claim("key:" + i, "j" + i, TTL)).isEmpty();
      }
    }
    clock.advance(Duration.ofMinutes(9));
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      assertThat(((EmbeddedDedupe) store.dedupe()).indexed()).isEqualTo(100);
      for (int i = 0; i < 100; i++) {
        assertThat(store.dedupe().claim("key:" + i, "other", TTL)).contains("j" + i);
      }
      assertThat(store.dedupe().claim("key:100", "j100", TTL)).isEmpty();
    }
    clock.advance(Duration.ofMinutes(2));
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      assertThat(((EmbeddedDedupe) store.dedupe()).indexed()).as("only live records are indexed").isEqualTo(1);
      assertThat(store.dedupe().claim("key:5", "j200", TTL)).isEmpty();
      assertThat(store.dedupe().claim("key:100", "other", TTL)).contains("j100");
    }
  }

  @Test
  void aClaimIsFreeAgainAtItsDeadlineWithoutASweep() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    assertThat(d.claim("key:a", "j1", TTL)).isEmpty();
    assertThat(d.claim("key:a", "j1", TTL)).as("the same owner is told it holds it").contains("j1");
    clock.advance(TTL.minusMillis(1));
    assertThat(d.claim("key:a", "j2", TTL)).contains("j1");
    clock.advance(Duration.ofMillis(1));
    assertThat(d.claim("key:a", "j2", TTL)).isEmpty();
    assertThat(d.claim("key:a", "j3", TTL)).contains("j2");
  }

  @Test
  void theSweepRemovesExpiredRecordsFromTheHeadAndTheirIndexEntries() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    d.claim("key:a", "j1", TTL);
    d.claim("key:b", "j2", TTL);
    clock.advance(Duration.ofMinutes(5));
    d.claim("key:c", "j3", TTL);
    clock.advance(Duration.ofMinutes(5));
    commitAndSweep(d);
    assertThat(log().keySet()).containsExactly(2L);
    assertThat(d.indexed()).isEqualTo(1);
    assertThat(d.claim("key:c", "j9", TTL)).contains("j3");
    clock.advance(Duration.ofMinutes(5));
    commitAndSweep(d);
    assertThat(log()).isEmpty();
    assertThat(d.indexed()).isZero();
  }

  @Test
  void theSweepStopsAtTheFirstLiveRecordAndAShorterClaimBehindItIsStillFreeOnTime() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    d.claim("key:long", "j1", Duration.ofMinutes(20));
    d.claim("key:short", "j2", Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(2));
    commitAndSweep(d);
    assertThat(log().keySet()).as("held back by the live head").containsExactly(0L, 1L);
    assertThat(d.claim("key:short", "j3", TTL)).isEmpty();
    assertThat(d.claim("key:long", "j3", TTL)).contains("j1");
  }

  @Test
  void aSweepPassIsBounded() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    for (int i = 0; i < EmbeddedDedupe.SWEEP_BATCH + 10; i++) {
      d.claim("key:" + i, "j", TTL);
    }
    clock.advance(TTL);
    commitAndSweep(d);
    assertThat(log()).hasSize(10);
    assertThat(d.indexed()).isEqualTo(10);
    commitAndSweep(d);
    assertThat(log()).isEmpty();
    assertThat(d.indexed()).isZero();
  }

  @Test
  void aKeyClaimedAgainAfterItExpiredIsNotLostWhenItsOldRecordIsSwept() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    d.claim("key:a", "j1", TTL);
    clock.advance(Duration.ofMinutes(11));
    assertThat(d.claim("key:a", "j2", TTL)).isEmpty();
    commitAndSweep(d);
    assertThat(log().keySet()).containsExactly(1L);
    assertThat(d.indexed()).isEqualTo(1);
    assertThat(d.claim("key:a", "j3", TTL)).contains("j2");
  }

  @Test
  void theLogIsWrittenInSequenceOrderWhateverTheKeys() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    List<String> keys = new ArrayList<>();
    for (long n = 0; n < 1000; n++) {
      keys.add("key:144115" + Long.toHexString(n * 0x9E3779B97F4A7C15L) + "_" + n);
    }
    keys.forEach(k -> d.claim(k, "j1", TTL));
    commit(d);
    MVMap<Long, byte[]> log = log();
    assertThat(log.keyList()).containsExactlyElementsOf(LongStream.range(0, 1000).boxed().toList());
    for (int i = 0; i < keys.size(); i++) {
      byte[] record = log.get((long) i);
      assertThat(ClaimLog.hashOf(record)).isEqualTo(EmbeddedDedupe.hash(keys.get(i)));
      assertThat(ClaimLog.fingerprintOf(record)).isEqualTo(EmbeddedDedupe.fingerprint(keys.get(i)));
    }
  }

  @Test
  void newClaimsAreStagedUntilTheCommitThreadPutsThemIntoTheMapsAndAreFoundMeanwhile() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock, k -> 42L);
    assertThat(d.isEmpty()).isTrue();
    d.claim("key:a", "j1", TTL);
    d.claim("key:b", "j2", TTL); // collides: kept by text
    assertThat(d.isEmpty()).isFalse();
    assertThat(log()).as("not durable before the entry it was made for").isEmpty();
    assertThat(mv.<String, byte[]>openMap(EmbeddedDedupe.BY_TEXT)).isEmpty();
    assertThat(d.claim("key:a", "x", TTL)).contains("j1");
    assertThat(d.claim("key:b", "x", TTL)).contains("j2");
    commit(d);
    assertThat(d.isEmpty()).isTrue();
    assertThat(log().keySet()).containsExactly(0L);
    assertThat(mv.<String, byte[]>openMap(EmbeddedDedupe.BY_TEXT).keySet()).containsExactly("key:b");
    d.claim("key:c", "j3", TTL);
    assertThat(d.claim("key:a", "x", TTL)).as("read from the map now").contains("j1");
    commit(d);
    assertThat(log().values()).extracting(ClaimLog::ownerOf).containsExactly("j1");
    assertThat(d.claim("key:c", "x", TTL)).as("key:c collides with key:a's live claim").contains("j3");
  }

  @Test
  void aRecordHoldsAFingerprintOfTheKeyNotItsText() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    String key = "id:144115-1733369999-1000000123";
    d.claim(key, "j17", TTL);
    commit(d);
    byte[] record = log().get(0L);
    // deadline, hash and fingerprint (8 each), then "j17": no 31 bytes of key text per claim
    assertThat(record).hasSize(24 + 3);
    assertThat(Expiry.deadlineOf(record)).isEqualTo(clock.now().plus(TTL).toEpochMilli());
    assertThat(ClaimLog.ownerOf(record)).isEqualTo("j17");
    assertThat(new String(record, StandardCharsets.ISO_8859_1)).doesNotContain("144115");
    assertThat(EmbeddedDedupe.fingerprint(key)).isNotEqualTo(EmbeddedDedupe.hash(key))
        .isNotEqualTo(EmbeddedDedupe.fingerprint("id:144115-1733369999-1000000124"));
  }

  @Test
  void claimsWhoseHashesCollideAreKeptApartByTheirText() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock, k -> 42L);
    assertThat(d.claim("key:a", "j1", TTL)).isEmpty();
    assertThat(d.claim("key:b", "j2", TTL)).as("same hash, another key").isEmpty();
    commit(d);
    assertThat(mv.<String, byte[]>openMap(EmbeddedDedupe.BY_TEXT).keySet()).containsExactly("key:b");
    assertThat(d.claim("key:a", "j3", TTL)).contains("j1");
    assertThat(d.claim("key:b", "j3", TTL)).contains("j2");
    clock.advance(Duration.ofMinutes(11));
    commitAndSweep(d);
    assertThat(mv.<String, byte[]>openMap(EmbeddedDedupe.BY_TEXT)).isEmpty();
    assertThat(log()).isEmpty();
    assertThat(d.claim("key:b", "j4", TTL)).isEmpty();
    assertThat(d.claim("key:a", "j5", TTL)).isEmpty();
    assertThat(d.claim("key:b", "j6", TTL)).contains("j4");
    assertThat(d.claim("key:a", "j6", TTL)).contains("j5");
  }

  @Test
  void aKeyKeptByTextAfterACollisionIsStillHeldOnceTheOtherKeysClaimExpired() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock, k -> 42L);
    d.claim("key:a", "j1", Duration.ofMinutes(1));
    d.claim("key:b", "j2", TTL);
    clock.advance(Duration.ofMinutes(2));
    assertThat(d.claim("key:b", "j3", TTL)).contains("j2");
    assertThat(d.claim("key:c", "j4", TTL)).as("the hash is free in the log again").isEmpty();
    assertThat(d.claim("key:c", "j5", TTL)).contains("j4");
  }

  @Test
  void aClaimWithoutADeadlineIsKeptByTextNotInTheLog() {
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    assertThat(d.claim("key:a", "j1", Duration.ZERO)).isEmpty();
    commit(d);
    assertThat(log()).isEmpty();
    assertThat(mv.<String, byte[]>openMap(EmbeddedDedupe.BY_TEXT).keySet()).containsExactly("key:a");
    clock.advance(Duration.ofDays(365));
    commitAndSweep(d);
    assertThat(d.claim("key:a", "j2", TTL)).contains("j1");
  }

  @Test
  void liveClaimsOfTheHashKeyedLayoutAreMovedIntoTheLogEarliestDeadlineFirst() {
    long now = clock.now().toEpochMilli();
    MVMap<Long, byte[]> old = mv.openMap(HashKeyedClaims.MAP, TypedMaps.longKeys());
    old.put(EmbeddedDedupe.hash("key:a"),
        hashKeyedValue(now + 300_000, "j1", EmbeddedDedupe.fingerprint("key:a")));
    old.put(EmbeddedDedupe.hash("key:b"),
        hashKeyedValue(now + 60_000, "j2", EmbeddedDedupe.fingerprint("key:b")));
    old.put(EmbeddedDedupe.hash("key:gone"),
        hashKeyedValue(now - 1, "j0", EmbeddedDedupe.fingerprint("key:gone")));
    // the layout before the fingerprint: deadline | owner length | owner | the key's text
    old.put(EmbeddedDedupe.hash("key:c"), ByteBuffer.allocate(10 + 2 + 5).putLong(now + 120_000)
        .putShort((short) 2).put(bytes("j3")).put(bytes("key:c")).array());
    EmbeddedDedupe d = EmbeddedDedupe.open(mv, redo(), clock);
    assertThat(mv.hasMap(HashKeyedClaims.MAP)).isFalse();
    assertThat(log().values()).extracting(ClaimLog::ownerOf).containsExactly("j2", "j3", "j1");
    assertThat(d.claim("key:a", "x", TTL)).contains("j1");
    assertThat(d.claim("key:b", "x", TTL)).contains("j2");
    assertThat(d.claim("key:c", "x", TTL)).contains("j3");
    assertThat(d.claim("key:gone", "x", TTL)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    commitAndSweep(d);
    assertThat(log().values()).extracting(ClaimLog::ownerOf).containsExactly("j3", "j1", "x");
  }

  /**
   * A store file of the hash-keyed layout (main at 68ae78a), written here the way that version did:
   * on the test clock from 2026-01-01T00:00Z, at 00:00 "id:144115-1733369999-1000000001" and
   * "key:1733369999_1000000001_144115" for j1 (10 min); at 00:05 "id:short-lived" for j0 (1 min) and
   * "key:later" for j2 (10 min).
   */
  @Test
  void aStoreFileOfTheHashKeyedLayoutKeepsItsLiveClaims() throws IOException {
    Files.createDirectories(dir);
    long start = clock.now().toEpochMilli();
    try (MVStore old = new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open()) {
      MVMap<Long, byte[]> byHash = old.openMap(HashKeyedClaims.MAP, TypedMaps.longKeys());
      hashKeyed(byHash, "id:144115-1733369999-1000000001", "j1", start + TTL.toMillis());
      hashKeyed(byHash, "key:1733369999_1000000001_144115", "j1", start + TTL.toMillis());
      long later = start + Duration.ofMinutes(5).toMillis();
      hashKeyed(byHash, "id:short-lived", "j0", later + Duration.ofMinutes(1).toMillis());
      hashKeyed(byHash, "key:later", "j2", later + TTL.toMillis());
    }
    clock.advance(Duration.ofMinutes(7));
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      assertThat(((EmbeddedDedupe) store.dedupe()).indexed()).isEqualTo(3);
      assertThat(store.dedupe().claim("id:144115-1733369999-1000000001", "x", TTL)).contains("j1");
      assertThat(store.dedupe().claim("key:1733369999_1000000001_144115", "x", TTL)).contains("j1");
      assertThat(store.dedupe().claim("key:later", "x", TTL)).contains("j2");
      assertThat(store.dedupe().claim("id:short-lived", "y", TTL)).as("expired before the upgrade").isEmpty();
    }
    clock.advance(Duration.ofMinutes(4));
    try (EmbeddedStore store = new EmbeddedStore(dir, clock)) {
      assertThat(store.dedupe().claim("id:144115-1733369999-1000000001", "z", TTL)).isEmpty();
      assertThat(store.dedupe().claim("key:later", "z", TTL)).contains("j2");
      assertThat(store.dedupe().claim("id:short-lived", "z", TTL)).contains("y");
    }
  }

  private static void hashKeyed(MVMap<Long, byte[]> byHash, String key, String owner, long deadline) {
    byHash.put(EmbeddedDedupe.hash(key), hashKeyedValue(deadline, owner, EmbeddedDedupe.fingerprint(key)));
  }

  /** A value of the hash-keyed layout, as the previous version wrote it: deadline | owner length | owner | marker | fingerprint. */
  private static byte[] hashKeyedValue(long deadline, String owner, long fingerprint) {
    byte[] o = bytes(owner);
    return ByteBuffer.allocate(19 + o.length).putLong(deadline).putShort((short) o.length).put(o)
        .put(HashKeyedClaims.FINGERPRINT).putLong(fingerprint).array();
  }
}
