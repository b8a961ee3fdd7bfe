package dev.timbot.internal.rest;

import java.util.ArrayDeque;

/**
 * The service's own count: at most {@code limit} calls in any half-open second ({@code now - t <
 * 1 s}), kept as the times of the last {@code limit} admitted calls. Asked when a call actually
 * leaves, it holds the limit whatever happened to the call before (a late timer, a queue), which a
 * reservation made earlier cannot.
 */
public final class SlidingWindow {
  static final long WINDOW_NANOS = 1_000_000_000L;

  private final int limit;
  /** Admission times within the last second, oldest first (grows with use, not with the limit). */
  private final ArrayDeque<Long> admitted = new ArrayDeque<>();

  public SlidingWindow(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("a window must admit at least one call, got " + limit);
    }
    this.limit = limit;
  }

  /**
   * Admits a call leaving at monotonic time {@code nowNanos}: 0 when it may go (it is counted), else
   * how long until the oldest counted call leaves the window (it is not counted; ask again then).
   */
  public synchronized long admit(long nowNanos) {
    while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= WINDOW_NANOS) {
      admitted.pollFirst();
    }
    if (admitted.size() < limit) {
      admitted.addLast(nowNanos);
      return 0;
    }
    return admitted.peekFirst() + WINDOW_NANOS - nowNanos;
  }

  public int limit() {
    return limit;
  }
}
