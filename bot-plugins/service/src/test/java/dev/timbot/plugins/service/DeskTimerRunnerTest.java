package dev.timbot.plugins.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a desk timer does when it fires: runs through the desk's sync, or tries again shortly. */
class DeskTimerRunnerTest {
  final VirtualClock clock = new VirtualClock();
  final List<String> ran = new ArrayList<>();

  /** A sync that refuses the first {@code busy} timer runs, as when another process holds the desk. */
  static DeskSync busyFor(int busy) {
    int[] left = {busy};
    return new DeskSync() {
      @Override
      public <T> T write(Supplier<T> op) {
        return op.get();
      }

      @Override
      public <T> T read(Supplier<T> op) {
        return op.get();
      }

      @Override
      public boolean fire(Runnable op) {
        if (left[0]-- > 0) {
          return false;
        }
        op.run();
        return true;
      }

      @Override
      public void start() {}

      @Override
      public void stop() {}
    };
  }

  void fire(DeskTimerRunner runner) {
    runner.run(() -> ran.add("work"), () -> fire(runner));
  }

  @Test
  void aLocalDeskRunsTheWorkAtOnce() {
    DeskTimerRunner runner = new DeskTimerRunner(clock, () -> DeskSync.local(this, () -> {}));
    fire(runner);
    assertThat(ran).containsExactly("work");
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void aBusyDeskIsTriedAgainAfterTheRetryDelayUntilTheWorkRuns() {
    DeskSync sync = busyFor(2);
    DeskTimerRunner runner = new DeskTimerRunner(clock, () -> sync);
    fire(runner);
    assertThat(ran).isEmpty();
    assertThat(clock.pendingDelays()).containsExactly(ClusterSync.RETRY);
    clock.advance(ClusterSync.RETRY);
    assertThat(ran).isEmpty();
    clock.advance(ClusterSync.RETRY);
    assertThat(ran).containsExactly("work");
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void aStoppedRunnerRunsNothingNotEvenItsRetries() {
    DeskSync sync = busyFor(1);
    DeskTimerRunner runner = new DeskTimerRunner(clock, () -> sync);
    fire(runner);
    runner.stop();
    clock.advance(ClusterSync.RETRY);
    assertThat(ran).isEmpty();
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void aLocalDeskFailureIsNotSwallowed() {
    DeskTimerRunner runner = new DeskTimerRunner(clock, () -> DeskSync.local(this, () -> {}));
    assertThatThrownBy(() -> runner.run(() -> {
      throw new IllegalStateException("boom");
    }, () -> {})).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(clock.pendingTimers()).isZero();
  }
}
