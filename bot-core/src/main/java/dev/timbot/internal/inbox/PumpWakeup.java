package dev.timbot.internal.inbox;

/**
 * How the journal pump sleeps and is woken: a wake-up sent while the pump is busy is kept, so its
 * next pause returns at once instead of sleeping through work that arrived meanwhile (a plain
 * {@code notify} would be lost then).
 */
final class PumpWakeup {
  /** A wake-up came since the pump last paused (guarded by {@code this}). */
  private boolean signalled;

  /** Wakes the pump, or makes its next pause return at once. */
  synchronized void signal() {
    signalled = true;
    notifyAll();
  }

  /**
   * Waits at most {@code ms} unless a wake-up came since the last pause; false when the waiting
   * thread was interrupted (its interrupt flag is set again).
   */
  synchronized boolean pause(long ms) {
    try {
      if (!signalled) {
        wait(ms);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      signalled = false;
    }
  }
}
