package dev.timbot.internal.runtime;

import java.time.Duration;

/**
 * Runs a body on the current (lane) thread under the bot's {@link Watchdog}: an exception is
 * caught and returned, not propagated, and if the deadline passes first, {@code onTimeout} runs (on
 * the timer thread) and the current thread is interrupted; the state lock makes sure the interrupt
 * lands only while the body is still running. One guard per call.
 */
final class Guard implements Watchdog.Deadline {
  /** The result of a guarded call. */
  static final class Outcome {
    Throwable error;
    boolean timedOut;
  }

  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int TIMED_OUT = 2;
  private final Watchdog watchdog;
  private final Thread thread = Thread.currentThread();
  private int state = RUNNING;
  private Runnable onTimeout;

  Guard(Watchdog watchdog) {
    this.watchdog = watchdog;
  }

  /** Stops the watchdog early; false when it already fired. */
  boolean disarm() {
    synchronized (this) {
      if (state == TIMED_OUT) {
        return false;
      }
      if (state != RUNNING) {
        return true;
      }
      state = DONE;
    }
    watchdog.disarm(this);
    return true;
  }

  @Override
  public void expire() {
    synchronized (this) {
      if (state != RUNNING) {
        return;
      }
      state = TIMED_OUT;
      thread.interrupt();
    }
    onTimeout.run();
  }

  private synchronized boolean complete() {
    if (state == TIMED_OUT) {
      return false;
    }
    state = DONE;
    return true;
  }

  Outcome run(Duration timeout, Body body, Runnable onTimeout) {
    Outcome o = new Outcome();
    this.onTimeout = onTimeout;
    watchdog.arm(this, timeout);
    try {
      body.run();
    } catch (Exception | AssertionError | LinkageError | StackOverflowError e) {
      o.error = e;
    } finally {
      watchdog.disarm(this);
    }
    if (!complete()) {
      Thread.interrupted(); // clear the watchdog's interrupt before the thread is reused
      o.timedOut = true;
    }
    return o;
  }
}
