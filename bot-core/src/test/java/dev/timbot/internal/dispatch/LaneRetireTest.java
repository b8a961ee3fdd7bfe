package dev.timbot.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane whose job completes with nothing queued behind it is retired by the completing thread (no
 * pool task scheduled only to find the queue empty); one with jobs queued goes on in order.
 */
class LaneRetireTest {
  final LaneExecutor lanes = new LaneExecutor(2, 10, 100, "lane-test");
  final List<CompletableFuture<Void>> running = new CopyOnWriteArrayList<>();
  final List<Integer> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    lanes.shutdown();
  }

  /** A job that records {@code n} and finishes when the test completes its future. */
  LaneExecutor.Job job(int n) {
    return done -> {
      ran.add(n);
      running.add(done);
    };
  }

  @Test
  void aLaneWithNothingQueuedIsRetiredWhenItsJobCompletes() {
    assertThat(lanes.submit("c1", job(1))).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> running.size() == 1);
    assertThat(lanes.depth("c1")).isEqualTo(1);

    running.get(0).complete(null); // as the store's commit thread does once the replies are recorded
    assertThat(lanes.depth("c1")).as("retired by the completing thread, at once").isZero();
    assertThat(lanes.pending()).isZero();

    assertThat(lanes.submit("c1", job(2))).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> running.size() == 2);
    assertThat(ran).containsExactly(1, 2);
  }

  @Test
  void jobsQueuedBehindARunningOneRunInOrder() {
    for (int n = 1; n <= 3; n++) {
      assertThat(lanes.submit("c1", job(n))).isTrue();
    }
    for (int n = 1; n <= 3; n++) {
      int seen = n;
      await().atMost(Duration.ofSeconds(10)).until(() -> running.size() == seen);
      assertThat(ran).hasSize(n);
      running.get(n - 1).complete(null);
    }
    assertThat(ran).containsExactly(1, 2, 3);
    assertThat(lanes.depth("c1")).isZero();
  }
}
