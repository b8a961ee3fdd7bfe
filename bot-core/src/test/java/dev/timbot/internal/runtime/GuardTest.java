package dev.timbot.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A guarded call on a virtual clock: the body advances the clock to pass its own deadline. */
class GuardTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  final VirtualClock clock = new VirtualClock();
  final Watchdog watchdog = new Watchdog(clock);
  final List<String> timeouts = new ArrayList<>();

  Guard.Outcome run(Guard.Body body) {
    return new Guard(watchdog).run(TIMEOUT, body, () -> timeouts.add("timed out"));
  }

  @Test
  void aBodyThatFinishesInTimeIsNeitherFailedNorTimedOut() {
    Guard.Outcome o = run(() -> clock.advance(TIMEOUT.minusMillis(1)));
    assertThat(o.error).isNull();
    assertThat(o.timedOut).isFalse();
    clock.advance(TIMEOUT);
    assertThat(timeouts).isEmpty();
  }

  @Test
  void anExceptionOrAssertionIsReturnedNotThrown() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThat(run(() -> {
      throw boom;
    }).error).isSameAs(boom);
    assertThat(run(() -> {
      throw new AssertionError("no");
    }).error).isInstanceOf(AssertionError.class);
    assertThat(timeouts).isEmpty();
  }

  @Test
  void aBodyPastItsDeadlineTimesOutOnceAndLeavesTheThreadUninterrupted() {
    boolean[] interrupted = {false};
    Guard.Outcome o = run(() -> {
      clock.advance(TIMEOUT);
      interrupted[0] = Thread.currentThread().isInterrupted(); // the body is told to stop
    });
    assertThat(interrupted[0]).isTrue();
    assertThat(o.timedOut).isTrue();
    assertThat(timeouts).containsExactly("timed out");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void disarmingAfterTheDeadlinePassedSaysSo() {
    Guard guard = new Guard(watchdog);
    boolean[] disarmed = new boolean[2];
    guard.run(TIMEOUT, () -> {
      disarmed[0] = guard.disarm(); // in time: the interceptor reached proceed()
      clock.advance(TIMEOUT);
    }, () -> timeouts.add("timed out"));
    assertThat(disarmed[0]).isTrue();
    assertThat(timeouts).isEmpty();

    Guard late = new Guard(watchdog);
    late.run(TIMEOUT, () -> {
      clock.advance(TIMEOUT);
      disarmed[1] = late.disarm();
    }, () -> timeouts.add("timed out"));
    assertThat(disarmed[1]).isFalse();
    assertThat(timeouts).containsExactly("timed out");
  }
}
