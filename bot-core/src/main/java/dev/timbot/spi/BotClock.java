package dev.timbot.spi;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Every source of time in timbot: wall time for the protocol (UserSig, callback signatures,
 * message times), a monotonic tick for TTLs and rate limits, and timers for timeouts. Injecting
 * a {@link VirtualClock} makes all of it testable without sleeping — the idea of Caffeine's
 * {@code Ticker} and {@code Scheduler}, in one seam.
 */
public interface BotClock {

  /** Wall-clock time. */
  Instant now();

  /** Monotonic nanoseconds, for durations only. */
  long nanoTime();

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Timer schedule(Duration delay, Runnable task);


  /** The real clock, with one daemon timer thread shared by the process. */
  static BotClock system() {
    return SystemClock.INSTANCE;
  }

  /** A scheduled task. */
  interface Timer {
    /** Cancels the task if it has not run; returns true if this call cancelled it. */
    boolean cancel();
  }

  /**
   * A clock that moves only when told to. {@link #advance(Duration)} runs every timer that falls
   * due, in time order, on the calling thread — so tests of timeouts, TTLs and rate limits are
   * exact and never sleep.
   */
  public final class VirtualClock implements BotClock {
    private final Object lock = new Object();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private Instant wall;
    private long nanos;
    private long sequence;

    public VirtualClock(Instant start) {
      this.wall = start;
    }

    /** A virtual clock starting at 2026-01-01T00:00:00Z. */
    public VirtualClock() {
      this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant now() {
      synchronized (lock) {
        return wall;
      }
    }

    @Override
    public long nanoTime() {
      synchronized (lock) {
        return nanos;
      }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
      synchronized (lock) {
        Task t = new Task(nanos + Math.max(0, delay.toNanos()), sequence++, task);
        tasks.add(t);
        return () -> {
          synchronized (lock) {
            return tasks.remove(t);
          }
        };
      }
    }

    /** Moves time forward, running each due timer at its own due time. */
    public void advance(Duration by) {
      if (by.isNegative()) {
        throw new IllegalArgumentException("time cannot go backwards: " + by);
      }
      long target;
      synchronized (lock) {
        target = nanos + by.toNanos();
      }
      while (true) {
        Task next;
        synchronized (lock) {
          next = tasks.peek();
          if (next == null || next.due > target) {
            wall = wall.plusNanos(target - nanos);
            nanos = target;
            return;
          }
          tasks.poll();
          wall = wall.plusNanos(next.due - nanos);
          nanos = next.due;
        }
        next.task.run();
      }
    }

    /** Sets the wall clock without running timers (e.g. to test a date). */
    public void setWallTime(Instant instant) {
      synchronized (lock) {
        wall = instant;
      }
    }

    /** Number of timers waiting. */
    public int pendingTimers() {
      synchronized (lock) {
        return tasks.size();
      }
    }

    /** The due offsets of waiting timers, from now, in order (for diagnostics). */
    public List<Duration> pendingDelays() {
      synchronized (lock) {
        List<Duration> out = new ArrayList<>();
        tasks.stream().sorted().forEach(t -> out.add(Duration.ofNanos(t.due - nanos)));
        return out;
      }
    }

    private record Task(long due, long seq, Runnable task) implements Comparable<Task> {
      @Override
      public int compareTo(Task o) {
        int c = Long.compare(due, o.due);
        return c != 0 ? c : Long.compare(seq, o.seq);
      }
    }
  }
}
