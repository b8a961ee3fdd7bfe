package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Power cuts: what was written but not forced may be lost, in part and in any order (per 4 KiB page),
 * and names a directory was not forced after may be lost or come back ({@link PowerCutDisk}). A
 * killed process loses none of that ({@link KilledStoreTest}). Each seed cuts a store at a random
 * point of a bot's writes ({@link PowerCutRun}) — anywhere, inside a checkpoint, or just before or
 * after a checkpoint forces MVStore's file — and opens the image.
 *
 * <p>Broken variants of the store this test fails against (2026-12-06, 40 seeds × 4 kinds of cut;
 * each passes 160 of 160 without the change):
 * <ul>
 *   <li>{@code RedoLog.create} not forcing the directory after creating a segment: 58 of 160 fail
 *       (acknowledged entries and replies gone with the segment's name);
 *   <li>{@code writeCheckpoint} deleting the old segments before {@code mv.sync()}: 16 of 160 fail
 *       (MVStore's file falls back to the previous checkpoint, whose log is gone);
 *   <li>{@code writeCheckpoint} without {@code redo.force()} before {@code mv.sync()} (review18's
 *       finding 1): the everysec test, 15 of 160 fail (a MsgSeq handed out again), against 2 of 160 on
 *       main (see that test).
 * </ul>
 * Survives: {@code GroupCommit} putting staged writes into their maps before the commit's write —
 * this workload waits for an entry's commit before it handles it, so nothing staged can outrun it.
 */
class PowerCutTest {
  /** Seeds per kind of cut; {@code -Dpowercut.seeds=N} for a longer run. */
  private static final int SEEDS = Integer.getInteger("powercut.seeds", 40);

  /**
   * {@code -Dpowercut.mvstore=pages}: MVStore's file, too, loses its unforced pages in any order. It
   * then fails to open after some cuts inside a checkpoint (RELIABILITY.md, "Power cuts").
   */
  private static final boolean MVSTORE_IN_ORDER = !"pages".equals(System.getProperty("powercut.mvstore"));

  @TempDir Path dir;

  static Stream<Arguments> cuts() {
    return LongStream.range(0, SEEDS).boxed().flatMap(seed -> Stream.of(
        Arguments.of(PowerCutDisk.Cut.ANY, seed, 1 + Math.floorMod(seed * 7919, 900)),
        Arguments.of(PowerCutDisk.Cut.IN_CHECKPOINT, seed, 1 + Math.floorMod(seed * 104729, 200)),
        Arguments.of(PowerCutDisk.Cut.BEFORE_CHECKPOINT_SYNC, seed, 1 + Math.floorMod(seed * 17, 12)),
        Arguments.of(PowerCutDisk.Cut.AFTER_CHECKPOINT_SYNC, seed, 1 + Math.floorMod(seed * 13, 12))));
  }

  @ParameterizedTest(name = "{0} seed {1} at {2}")
  @MethodSource("cuts")
  void withFsyncAlwaysEverythingAcknowledgedBeforeTheCutIsThereOnce(PowerCutDisk.Cut cut, long seed, long at)
      throws Exception {
    cutAndCheck(Fsync.ALWAYS, cut, seed, at, true);
  }

  /** Runs the workload on {@code fsync}, cuts the power at the {@code at}-th event of kind {@code cut}, and checks the image. */
  private void cutAndCheck(Fsync fsync, PowerCutDisk.Cut cut, long seed, long at, boolean acknowledgedIsForced)
      throws Exception {
    PowerCutRun run = new PowerCutRun(fsync, seed).run(dir.resolve("live"), dir.resolve("image"), cut, at,
        MVSTORE_IN_ORDER);
    if (cut != PowerCutDisk.Cut.ANY) {
      assertThat(run.cutOn()).as("the cut fell in a checkpoint").startsWith("timbot-store-checkpoint");
    }
    run.check(dir.resolve("image"), acknowledgedIsForced);
  }

  /**
   * Off by default ({@code -Dpowercut.everysec=true} runs it): on main at 212a6e9, 2 of 160 and 6 of 180 runs
   * failed (2026-12-06) — a reply without its claim or entry (the log's replay goes on into the next segment past one the cut
   * tore), or a MsgSeq handed out again (MVStore's chunk reached the disk before the log it rests on was
   * forced). The first is fixed (segment trailers, 3d78abd): 0 of 7 × 160 runs failed after it; the
   * second is open and narrow. RELIABILITY.md, "Power cuts".
   */
  @EnabledIfSystemProperty(named = "powercut.everysec", matches = "true")
  @ParameterizedTest(name = "{0} seed {1} at {2}")
  @MethodSource("cuts")
  void withFsyncEverysecWhatIsLeftIsAStateTheStorePassedThrough(PowerCutDisk.Cut cut, long seed, long at)
      throws Exception {
    cutAndCheck(Fsync.EVERYSEC, cut, seed, at, false);
  }
}
