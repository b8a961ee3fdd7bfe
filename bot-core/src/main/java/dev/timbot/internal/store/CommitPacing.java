package dev.timbot.internal.store;

import java.util.concurrent.TimeUnit;

/**
 * When a busy commit thread holds its next commit back ({@link GroupCommit}, "Pacing at saturation"):
 * after a commit of at least {@code fromBatch} flushes, the next one starts no sooner than {@code gapNanos}
 * after it began (a monitor's timed wait may add up to a millisecond), unless {@code untilFlushes} flushes
 * wait by then.
 *
 * <p>Each commit is a forced append to the log: about 25 µs of the commit thread and 55 µs of the box
 * (the kernel's journal and the device), plus the wake-ups around it (BENCHMARKS §8v). At saturation an
 * echo bot committed about 1 500 times a second with 7 messages each: some 120 ms of CPU a second in
 * fixed costs, beside the 1.25 cores the bot itself used, while a tenth of the box stood idle. A batch
 * that size comes when the bot is busy, and then waiting a little longer for the next one costs an
 * acknowledgement less than the CPU it frees (issue 15, BENCHMARKS §8x). At moderate rates batches are
 * smaller and nothing is held back, except after a burst or a pause has made one large batch.
 *
 * @param gapNanos the least time between the starts of two commits after a large one; 0 never holds back
 * @param fromBatch the flushes a commit must have completed for the next one to be paced
 * @param untilFlushes the flushes that, once waiting, start the next commit at once
 */
record CommitPacing(long gapNanos, int fromBatch, int untilFlushes) {
  /**
   * Two milliseconds after a commit of 12 flushes or more (six echoed messages: an entry and a record
   * each), unless 64 wait. Measured against none, one and three milliseconds (BENCHMARKS §8x): at
   * saturation one carried less than two and three no more; with two, p99 at 2 000 msg/s stayed within
   * 10 ms in 14 of 15 rounds (how often pacing fires at that rate was not counted).
   */
  static final CommitPacing SATURATION = new CommitPacing(TimeUnit.MILLISECONDS.toNanos(2), 12, 64);

  /** Never holds a commit back. */
  static final CommitPacing NEVER = new CommitPacing(0, 1, 1);

  CommitPacing {
    if (gapNanos < 0 || fromBatch < 1 || untilFlushes < 1) {
      throw new IllegalArgumentException("commit pacing: need gap >= 0, fromBatch >= 1, untilFlushes >= 1");
    }
  }

  /** Whether the commit after one of {@code batch} flushes is held back. */
  boolean paces(int batch) {
    return gapNanos > 0 && batch >= fromBatch;
  }

  /** Whether {@code waiting} flushes are enough to start a held-back commit at once. */
  boolean enough(int waiting) {
    return waiting >= untilFlushes;
  }
}
