package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's write-ahead log on its own: records come back in order, and what a crash or a power
 * cut leaves after the last forced record (a half-written record, a hole of zeros where a block was
 * not written, stray bytes) ends the replay there without failing it.
 */
class RedoLogTest {
  private static final byte[] MAP = "state.t".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static void put(RedoLog log, int i) {
    put(log, MAP, "k" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
  }

  private static void put(RedoLog log, byte[] map, Object key, Object value) {
    log.append(map, key, true, value);
  }

  private List<RedoRecord> replay(long from) {
    List<RedoRecord> out = new ArrayList<>();
    RedoReplay.replay(dir, from, true, b -> out.add(RedoRecord.decode(b)));
    return out;
  }

  /** Writes and forces {@code n} records to a new log; returns the segment's bytes. */
  private byte[] forced(int n) throws Exception {
    try (RedoLog log = RedoLog.open(dir)) {
      for (int i = 0; i < n; i++) {
        put(log, i);
      }
      log.write();
      log.force();
    }
    return Files.readAllBytes(segment(1));
  }

  private Path segment(long s) {
    return dir.resolve(String.format("%020d.log", s));
  }

  /**
   * A change is encoded straight into the log's buffer: on disk it is its length, its CRC-32C and the
   * body the record format spells out (RedoRecord's javadoc), byte for byte.
   */
  @Test
  void aChangeIsWrittenAsItsLengthChecksumAndTheBodyItsFormatSpellsOut() throws Exception {
    byte[] journal = "journal.log".getBytes(StandardCharsets.UTF_8);
    try (RedoLog log = RedoLog.open(dir)) {
      put(log, MAP, "k0", "value 0".getBytes(StandardCharsets.UTF_8));
      log.append(journal, 7L, false, null);
      log.write();
      log.force();
    }
    byte[] put = ByteBuffer.allocate(1 + 2 + MAP.length + 1 + 4 + 2 + 1 + 4 + 7)
        .put((byte) 1).putShort((short) MAP.length).put(MAP)
        .put((byte) 'S').putInt(2).put("k0".getBytes(StandardCharsets.UTF_8))
        .put((byte) 'B').putInt(7).put("value 0".getBytes(StandardCharsets.UTF_8)).array();
    byte[] removal = ByteBuffer.allocate(1 + 2 + journal.length + 1 + 8)
        .put((byte) 2).putShort((short) journal.length).put(journal).put((byte) 'L').putLong(7).array();
    ByteBuffer expected = ByteBuffer.allocate(2 * RedoLog.HEADER + put.length + removal.length);
    for (byte[] body : List.of(put, removal)) {
      CRC32C crc = new CRC32C();
      crc.update(body);
      expected.putInt(body.length).putInt((int) crc.getValue()).put(body);
    }
    assertThat(Arrays.copyOf(Files.readAllBytes(segment(1)), expected.capacity())).isEqualTo(expected.array());
  }

  /** More than the buffer's first 64 KiB between two writes: it grows, and every record comes back whole. */
  @Test
  void appendsBeyondTheBuffersSizeBetweenTwoWritesComeBackWhole() {
    byte[] large = new byte[100_000];
    Arrays.fill(large, (byte) 7);
    try (RedoLog log = RedoLog.open(dir)) {
      put(log, 1);
      put(log, MAP, "large", large);
      put(log, 2);
      log.write();
    }
    List<RedoRecord> all = replay(0);
    assertThat(all).extracting(RedoRecord::key).containsExactly("k1", "large", "k2");
    assertThat((byte[]) all.get(1).value()).isEqualTo(large);
    assertThat((byte[]) all.get(2).value()).isEqualTo("value 2".getBytes(StandardCharsets.UTF_8));
  }

  /** ASCII text is written a byte per char, other text as UTF-8: both read back as they were. */
  @Test
  void textKeysComeBackAsTheyWereAsciiOrNot() {
    List<String> keys = List.of("C2Calice", "", "C2C张三", "GROUP@TGS#会议室", "emoji \uD83D\uDE00", "lone \uD800 surrogate",
        "\u007f\u0080");
    try (RedoLog log = RedoLog.open(dir)) {
      for (String k : keys) {
        log.append(MAP, k, true, k);
      }
      log.write();
    }
    List<RedoRecord> all = replay(0);
    List<String> expected = keys.stream()
        .map(k -> new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).toList(); // as the JDK encodes them
    assertThat(all).extracting(r -> (String) r.key()).containsExactlyElementsOf(expected);
    assertThat(all).extracting(r -> (String) r.value()).containsExactlyElementsOf(expected);
  }

  @Test
  void recordsOfEveryTypeComeBackInOrderAcrossSegments() {
    try (RedoLog log = RedoLog.open(dir)) {
      put(log, "journal.log".getBytes(StandardCharsets.UTF_8), 7L, new byte[] {1, 2});
      log.append("journal.log".getBytes(StandardCharsets.UTF_8), 7L, false, null);
      log.write();
      put(log, "journal.log".getBytes(StandardCharsets.UTF_8), 8L, new byte[] {3});
      assertThat(log.rotate()).as("still buffered: goes to the next segment").isEqualTo(2);
      put(log, "timers.due".getBytes(StandardCharsets.UTF_8), "0001k", Boolean.TRUE);
      put(log, "meta".getBytes(StandardCharsets.UTF_8), "journal.nextId", 4096L);
      log.write();
    }
    List<RedoRecord> all = replay(0);
    assertThat(all).extracting(RedoRecord::map, RedoRecord::put, RedoRecord::key)
        .containsExactly(org.assertj.core.api.Assertions.tuple("journal.log", true, 7L),
            org.assertj.core.api.Assertions.tuple("journal.log", false, 7L),
            org.assertj.core.api.Assertions.tuple("journal.log", true, 8L),
            org.assertj.core.api.Assertions.tuple("timers.due", true, "0001k"),
            org.assertj.core.api.Assertions.tuple("meta", true, "journal.nextId"));
    assertThat((byte[]) all.get(0).value()).containsExactly(1, 2);
    assertThat(all.get(3).value()).isEqualTo(Boolean.TRUE);
    assertThat(all.get(4).value()).isEqualTo(4096L);
    assertThat(replay(2)).as("from the second segment").hasSize(3);
  }

  @Test
  void aTornTailEndsTheReplayAfterTheLastWholeRecord() throws Exception {
    byte[] whole = forced(10);
    int recordSize = whole.length / 10;
    for (int cut = whole.length - recordSize + 1; cut < whole.length; cut++) {
      Files.write(segment(1), Arrays.copyOf(whole, cut));
      assertThat(replay(0)).as("cut at %d of %d", cut, whole.length).hasSize(9);
    }
  }

  @Test
  void aHoleOfZerosOrStrayBytesAfterTheForcedPartEndsTheReplayThere() throws Exception {
    byte[] whole = forced(20);
    int forcedPart = whole.length / 2; // ten records
    byte[] holed = whole.clone();
    Arrays.fill(holed, forcedPart, forcedPart + 100, (byte) 0); // a block not written, later ones written
    Files.write(segment(1), holed);
    assertThat(replay(0)).as("a hole").hasSize(10);

    byte[] stray = whole.clone();
    stray[forcedPart + 12] ^= 0x5A; // a byte of the eleventh record's body changed: its checksum fails
    Files.write(segment(1), stray);
    assertThat(replay(0)).as("a damaged record").hasSize(10);

    byte[] huge = whole.clone();
    ByteBuffer.wrap(huge).putInt(forcedPart, Integer.MAX_VALUE); // a length past the end
    Files.write(segment(1), huge);
    assertThat(replay(0)).as("a length past the end").hasSize(10);
  }

  @Test
  void segmentsBelowACheckpointAreDeletedAndANewLogStartsAfterTheLast() {
    try (RedoLog log = RedoLog.open(dir)) {
      put(log, 1);
      log.write();
      long second = log.rotate();
      put(log, 2);
      log.write();
      log.rotate();
      log.deleteBefore(second);
      assertThat(RedoLog.segments(dir)).containsExactly(2L, 3L);
    }
    try (RedoLog again = RedoLog.open(dir)) {
      assertThat(again.segment()).as("never appends to a segment a crash may have torn").isEqualTo(4);
    }
  }

  @Test
  void nothingAppendedAfterCloseIsWritten() throws Exception {
    RedoLog log = RedoLog.open(dir);
    put(log, 1);
    log.write();
    put(log, 2); // buffered when the store stops
    log.close();
    put(log, 3);
    assertThat(replay(0)).extracting(RedoRecord::key).containsExactly("k1");
  }

  /** Three segments, k1 / k2 / k3, the first two ended by their switch; returns the second's bytes. */
  private byte[] threeSegments() throws Exception {
    try (RedoLog log = RedoLog.open(dir)) {
      for (int i = 1; i <= 3; i++) {
        put(log, i);
        log.write();
        if (i < 3) {
          log.rotate();
        }
      }
    }
    return Files.readAllBytes(segment(2));
  }

  /**
   * Under fsync=everysec a power cut may keep a later segment's pages and lose the end of an earlier
   * one (PowerCutTest): the log ends at the hole, not after it — what follows was never forced
   * before it, and applying it would make a state the store never passed through. Fails if replay
   * reads each segment to its own tear and goes on (as logs without trailers are read).
   */
  @Test
  void aSegmentThatLostItsTrailerEndsTheLogThoughALaterSegmentHoldsRecords() throws Exception {
    byte[] second = threeSegments();
    assertThat(replay(0)).extracting(RedoRecord::key).containsExactly("k1", "k2", "k3");
    for (int keep : new int[] {0, second.length / 2, second.length - 1}) {
      Files.write(segment(2), Arrays.copyOf(second, keep));
      List<RedoRecord> out = new ArrayList<>();
      RedoReplay.Replayed r = RedoReplay.replay(dir, 0, true, b -> out.add(RedoRecord.decode(b)));
      assertThat(out).extracting(RedoRecord::key).as("kept %d of %d bytes", keep, second.length)
          .containsExactly(keep == second.length - 1 ? new Object[] {"k1", "k2"} : new Object[] {"k1"});
      assertThat(r.tornSegment()).isEqualTo(2);
      List<RedoRecord> old = new ArrayList<>();
      RedoReplay.replay(dir, 0, false, b -> old.add(RedoRecord.decode(b)));
      assertThat(old).extracting(RedoRecord::key).as("a log written before trailers: read as then").endsWith("k3");
    }
  }

  /** Segments after the last one that hold no record are no hole: nothing is dropped, nothing is reported torn. */
  @Test
  void aSegmentCreatedButNeverSwitchedToOrHoldingOnlyATrailerIsNoHole() throws Exception {
    try (RedoLog log = RedoLog.open(dir)) {
      put(log, 1);
      log.write();
      log.prepareNext(); // the checkpoint's next segment, created; the process dies before the switch
    }
    assertThat(replayKeysAndHole()).containsExactly("k1", 0L);
    try (RedoLog next = RedoLog.open(dir)) {
      next.rotate(); // the next open's switch: a segment holding only its trailer; killed before its checkpoint
    }
    assertThat(RedoLog.segments(dir)).hasSize(4);
    assertThat(replayKeysAndHole()).containsExactly("k1", 0L);
  }

  /**
   * The store's segments are filled with zeros ahead: appends that fit do not change a file's length
   * (its force then writes data only), the zeros end each segment at replay, and neither an unused
   * segment filled ahead nor a filled one holding only its trailer counts as a hole. Fails if segments
   * are created empty (the length grows) or if a hole is told by a later segment's length.
   */
  @Test
  void segmentsFilledWithZerosAheadKeepTheirLengthAndReadBackAsBefore() throws Exception {
    try (RedoLog log = RedoLog.open(dir, RedoLog.Disk.PLATFORM, true)) {
      assertThat(Files.size(segment(1))).isEqualTo(RedoLog.PREALLOCATE_MIN);
      for (int i = 1; i <= 100; i++) {
        put(log, i);
        log.write();
        log.force();
      }
      assertThat(Files.size(segment(1))).as("appends overwrite the zeros").isEqualTo(RedoLog.PREALLOCATE_MIN);
      log.prepareNext(); // the checkpoint's next segment, filled; the process dies before the switch
      assertThat(Files.size(segment(2))).isEqualTo(RedoLog.PREALLOCATE_MIN);
    }
    List<Object> keys = replayKeysAndHole();
    assertThat(keys).hasSize(101).endsWith("k100", 0L);
    try (RedoLog next = RedoLog.open(dir, RedoLog.Disk.PLATFORM, true)) {
      next.rotate(); // a filled segment holding only its trailer, and a filled one never written
    }
    assertThat(replayKeysAndHole()).as("no hole").isEqualTo(keys);
  }

  /** A filled segment that lost its trailer, followed by one holding records: the log ends at the hole. */
  @Test
  void aFilledSegmentThatLostItsTrailerEndsTheLogThoughALaterOneHoldsRecords() throws Exception {
    try (RedoLog log = RedoLog.open(dir, RedoLog.Disk.PLATFORM, true)) {
      put(log, 1);
      log.write();
      log.rotate();
      put(log, 2);
      log.write();
    }
    byte[] first = Files.readAllBytes(segment(1));
    int trailerAt = RedoLog.HEADER + RedoRecord.size(MAP, "k1", true, "value 1".getBytes(StandardCharsets.UTF_8));
    Arrays.fill(first, trailerAt, trailerAt + RedoLog.HEADER + RedoLog.END.length, (byte) 0);
    Files.write(segment(1), first); // its trailer's block lost in a power cut, the later segment's kept
    assertThat(replayKeysAndHole()).containsExactly("k1", 1L);
  }

  @Test
  void aSegmentIsFilledWithAboutOneAndAHalfTimesWhatTheLastOneTookWithinBounds() {
    assertThat(RedoLog.preallocation(0)).isEqualTo(RedoLog.PREALLOCATE_MIN);
    assertThat(RedoLog.preallocation(1 << 20)).isEqualTo(3 << 19);
    assertThat(RedoLog.preallocation(1_000_001)).isEqualTo(1_507_328); // 1.5 MB rounded up to 64 KiB
    assertThat(RedoLog.preallocation(1L << 30)).isEqualTo(RedoLog.PREALLOCATE_MAX);
  }

  /** The keys replay gives, then the segment of the hole it stopped at (0: none). */
  private List<Object> replayKeysAndHole() {
    List<Object> out = new ArrayList<>();
    RedoReplay.Replayed r = RedoReplay.replay(dir, 0, true, b -> out.add(RedoRecord.decode(b).key()));
    out.add(r.tornSegment());
    return out;
  }
}
