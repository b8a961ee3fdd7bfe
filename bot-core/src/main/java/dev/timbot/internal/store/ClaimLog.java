package dev.timbot.internal.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.Cursor;

/**
 * The dedupe claims in the order they were made: an MVMap keyed by an increasing sequence, so the
 * claims a commit carries are appended to the map's rightmost leaf (one page written per commit,
 * where claims keyed by their hash landed on a random page each, which the commit wrote whole).
 * Expired claims are removed from the head, where the oldest are.
 *
 * <p>A record ({@link Expiry}'s layout: its deadline first): deadline (8) | the key's hash (8) | its fingerprint (8) | the owner's UTF-8 bytes.
 * The hash lets the index be rebuilt at open and an index entry be removed with its record; the
 * fingerprint tells two keys of one hash apart without the key's text.
 *
 * <p>Not thread-safe: {@link EmbeddedDedupe} calls it under its lock, which also makes it the map's
 * only writer, so the commit thread appends its records ({@link LoggedMap#appendAlreadyLogged}): a
 * leaf built once per {@code keysPerPage} claims rather than the right-most path copied per claim,
 * two claims per message (issue 15, BENCHMARKS §8z).
 */
final class ClaimLog {
  /** Bytes before the owner. */
  private static final int HEADER = 24;
  /** Big-endian longs in a byte array, as ByteBuffer reads them ({@link Expiry} reads the deadline so). */
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final LoggedMap<Long, byte[]> records;
  /**
   * Records appended since the commit thread last logged them ({@link GroupCommit}, "Staged writes":
   * a claim must not be durable before the journal entry it was made for); they are the last ones,
   * ending at {@link #next}.
   */
  private final List<byte[]> staged = new ArrayList<>();
  /** Records logged and not yet in the map: they come right before {@link #staged}. */
  private final List<byte[]> inFlight = new ArrayList<>();
  /** The next claim's sequence: above every key of the map (its last key + 1 at open), and only ever incremented. */
  private long next;

  ClaimLog(LoggedMap<Long, byte[]> records) {
    this.records = records;
    Long last = records.lastKey();
    this.next = last == null ? 0 : last + 1;
  }

  int stagedCount() {
    return staged.size() + inFlight.size();
  }

  /** The sequence of the first staged record. */
  private long stagedFrom() {
    return next - staged.size();
  }

  /** Appends a claim (staged until {@link #logStaged} and {@link #applyLogged}); returns its sequence (≥ 0, increasing). */
  long append(long deadline, long hash, long fingerprint, String owner) {
    // Written in place: a ByteBuffer and the owner's own array per claim were a third of what a claim cost (issue 15).
    byte[] record = new byte[HEADER + Utf8Bytes.length(owner)];
    LONG.set(record, 0, deadline);
    LONG.set(record, 8, hash);
    LONG.set(record, 16, fingerprint);
    Utf8Bytes.write(owner, record, HEADER);
    staged.add(record);
    return next++;
  }

  /** The record at {@code seq}: staged, logged and on its way to the map, or in the map; null once swept. */
  byte[] get(long seq) {
    long from = stagedFrom();
    if (seq >= from) {
      return staged.get((int) (seq - from));
    }
    long inFlightFrom = from - inFlight.size();
    return seq >= inFlightFrom ? inFlight.get((int) (seq - inFlightFrom)) : records.get(seq);
  }

  /** Appends the staged records to the store's log, in sequence order, and holds them until {@link #applyLogged}. */
  void logStaged() {
    long from = stagedFrom();
    for (int i = 0; i < staged.size(); i++) {
      records.stageInLog(from + i, staged.get(i));
    }
    inFlight.addAll(staged);
    staged.clear();
  }

  /** Puts the logged records into the map (the commit thread, once the log holds them). */
  void applyLogged() {
    // MVStore's append does not check key order. These keys are above the map's: sequences come from next, which
    // started above its last key and only grows, and each batch follows the one applied before it.
    long from = stagedFrom() - inFlight.size();
    for (int i = 0; i < inFlight.size(); i++) {
      records.appendAlreadyLogged(from + i, inFlight.get(i)); // sequences only grow, and we are the map's one writer
    }
    inFlight.clear();
  }

  static long hashOf(byte[] record) {
    return (long) LONG.get(record, 8);
  }

  static long fingerprintOf(byte[] record) {
    return (long) LONG.get(record, 16);
  }

  static String ownerOf(byte[] record) {
    return new String(record, HEADER, record.length - HEADER, StandardCharsets.UTF_8);
  }

  /** Receives each live record when the index is rebuilt, and each record the sweep removes. */
  interface RecordVisitor {
    void visit(long seq, long hash);
  }

  /** Visits every record in the map whose deadline is after {@code now}, in sequence order (at open: none staged). */
  void forEachLive(long now, RecordVisitor visitor) {
    Cursor<Long, byte[]> c = records.cursor(null);
    while (c.hasNext()) {
      long seq = c.next();
      byte[] record = c.getValue();
      if (now < Expiry.deadlineOf(record)) {
        visitor.visit(seq, hashOf(record));
      }
    }
  }

  /**
   * Removes expired records from the map's head, up to {@code limit}, stopping at the first live one
   * (records behind it wait for it even if they expire first: a claim made with a shorter ttl
   * than the one before it; look-ups check each record's own deadline, so such a claim is free
   * again on time and only its memory is held longer). Tells {@code removed} of each.
   */
  void sweepHead(long now, int limit, RecordVisitor removed) {
    List<Long> dead = new ArrayList<>();
    Cursor<Long, byte[]> c = records.cursor(null);
    while (dead.size() < limit && c.hasNext()) {
      long seq = c.next();
      byte[] record = c.getValue();
      if (now < Expiry.deadlineOf(record)) {
        break;
      }
      dead.add(seq);
      removed.visit(seq, hashOf(record));
    }
    dead.forEach(records::remove);
  }

  int size() {
    return records.size();
  }
}
