package dev.timbot.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pump's sleep: a wake-up sent while it is busy is kept, an interrupt ends the pause. */
class PumpWakeupTest {
  /** Far longer than the guard below: a lost wake-up shows as the guard failing, not as a slow test. */
  private static final long FOREVER_MS = 600_000;
  private static final Duration GUARD = Duration.ofSeconds(20);

  @Test
  void aWakeUpSentBeforeThePauseEndsItAtOnce() {
    PumpWakeup wakeup = new PumpWakeup();
    wakeup.signal();
    assertThat(assertTimeoutPreemptively(GUARD, () -> wakeup.pause(FOREVER_MS))).isTrue();
  }

  @Test
  void aWakeUpFromAnotherThreadEndsAPauseInProgress() {
    PumpWakeup wakeup = new PumpWakeup();
    Thread waker = new Thread(() -> {
      // Signals until the pause has consumed one (the flag is cleared when a pause ends).
      for (int i = 0; i < 2_000 && !Thread.currentThread().isInterrupted(); i++) {
        wakeup.signal();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    waker.start();
    try {
      assertThat(assertTimeoutPreemptively(GUARD, () -> wakeup.pause(FOREVER_MS))).isTrue();
    } finally {
      waker.interrupt();
    }
  }

  @Test
  void anInterruptedPauseReturnsFalseAndKeepsTheInterruptFlag() {
    PumpWakeup wakeup = new PumpWakeup();
    Thread.currentThread().interrupt();
    boolean woken = wakeup.pause(FOREVER_MS);
    assertThat(Thread.interrupted()).as("flag set again").isTrue();
    assertThat(woken).isFalse();
  }
}
