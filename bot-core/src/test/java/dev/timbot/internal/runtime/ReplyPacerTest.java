package dev.timbot.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Acknowledgements wait for replies to catch up, never forever. Ordering is asserted, not time. */
class ReplyPacerTest {
  final AtomicLong pending = new AtomicLong();

  @Test
  void withRoomACallbackIsTakenAtOnce() {
    pending.set(9);
    new ReplyPacer(pending::get, 10, Duration.ofHours(1)).pace(); // would hang the test if it waited
  }

  @Test
  void atTheBoundACallbackWaitsUntilTheRepliesCatchUp() throws Exception {
    pending.set(10);
    ReplyPacer pacer = new ReplyPacer(pending::get, 10, Duration.ofHours(1));
    AtomicBoolean released = new AtomicBoolean();
    AtomicBoolean tookBeforeRelease = new AtomicBoolean();
    CountDownLatch taken = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      pacer.pace();
      tookBeforeRelease.set(!released.get());
      taken.countDown();
    });
    t.start();
    assertThat(taken.await(200, TimeUnit.MILLISECONDS)).isFalse(); // still waiting
    released.set(true);
    pending.set(9);
    assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tookBeforeRelease).isFalse();
  }

  @Test
  void afterMaxWaitTheCallbackIsTakenAnyway() {
    pending.set(1_000);
    new ReplyPacer(pending::get, 10, Duration.ofMillis(1)).pace(); // returns: durability is not refused here
    assertThat(pending.get()).isEqualTo(1_000);
  }
}
