package dev.timbot.plugins.faq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OverlapTest {
  @Test
  void joinReturnsTheResultAndTheTaskRunsOnce() {
    AtomicInteger runs = new AtomicInteger();
    FutureTask<String> task = Overlap.start(() -> "hits " + runs.incrementAndGet());

    assertThat(Overlap.join(task)).isEqualTo("hits 1");
    assertThat(Overlap.join(task)).isEqualTo("hits 1");
    assertThat(runs).hasValue(1);
  }

  @Test
  void theCallerRunsATaskNoHelperHasStarted() throws Exception {
    // Keep every helper busy, so the task waits in the queue: join must not wait for a helper.
    CountDownLatch release = new CountDownLatch(1);
    FutureTask<?>[] blockers = new FutureTask<?>[Math.max(2, Runtime.getRuntime().availableProcessors())];
    for (int i = 0; i < blockers.length; i++) {
      blockers[i] = Overlap.start(() -> release.await(10, TimeUnit.SECONDS));
    }
    try {
      FutureTask<String> task = Overlap.start(() -> Thread.currentThread().getName());
      assertThat(Overlap.join(task)).isEqualTo(Thread.currentThread().getName());
    } finally {
      release.countDown();
    }
  }

  @Test
  void theTasksExceptionReachesTheCaller() {
    FutureTask<String> task = Overlap.start(() -> {
      throw new IllegalArgumentException("bad query");
    });

    assertThatThrownBy(() -> Overlap.join(task)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad query");
  }

  @Test
  void anInterruptDoesNotAbandonTheTaskAndIsKept() {
    Thread.currentThread().interrupt();
    try {
      assertThat(Overlap.join(Overlap.start(() -> 42))).isEqualTo(42);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
