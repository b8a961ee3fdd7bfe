package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeScoringTest {
  @Test
  void resultsComeInTheProbesOrderThoughALaterProbeFinishesFirst() {
    CountDownLatch secondDone = new CountDownLatch(1);
    // Probe 0 finishes only after probe 1 has: that needs two threads, and the list must still start with probe 0's.
    List<String> out = ProbeScoring.inOrder(6, i -> {
      if (i == 0) {
        await(secondDone);
      }
      if (i == 1) {
        secondDone.countDown();
      }
      return "probe " + i + " on " + Thread.currentThread().getName();
    }, 2);
    assertThat(out).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(out.get(i)).startsWith("probe " + i + " on faq-calibration-");
    }
    assertThat(out.get(0).substring(out.get(0).lastIndexOf('-')))
        .isNotEqualTo(out.get(1).substring(out.get(1).lastIndexOf('-')));
  }

  @Test
  void oneThreadScoresOnTheCallersThread() {
    String caller = Thread.currentThread().getName();
    assertThat(ProbeScoring.inOrder(3, i -> Thread.currentThread().getName(), 1)).containsExactly(caller, caller, caller);
    assertThat(ProbeScoring.inOrder(0, i -> "never", 4)).isEmpty();
  }

  @Test
  void aProbeThatFailsFailsTheCalibrationWithItsOwnError() {
    assertThatThrownBy(() -> ProbeScoring.inOrder(5, i -> {
      if (i == 3) {
        throw new IllegalArgumentException("probe 3 has no vector");
      }
      return i;
    }, 2)).isInstanceOf(IllegalArgumentException.class).hasMessage("probe 3 has no vector");
  }

  @Test
  void theSameScoresOnOneThreadAsOnSeveral() {
    VectorIndex index = new VectorIndex(List.of(new float[] {1, 0}, new float[] {0.6f, 0.8f}, new float[] {0, 1}),
        new int[] {0, 0, 1}, 2, 2);
    List<float[]> probes = List.of(new float[] {0.8f, 0.6f}, new float[] {0.28f, 0.96f}, new float[] {1, 0});
    List<float[]> one = ProbeScoring.inOrder(probes.size(), i -> index.entryScores(probes.get(i), i), 1);
    List<float[]> three = ProbeScoring.inOrder(probes.size(), i -> index.entryScores(probes.get(i), i), 3);
    for (int i = 0; i < probes.size(); i++) {
      assertThat(three.get(i)).containsExactly(one.get(i));
    }
    // Row 2 left out: entry 0's best row is row 0, and entry 1 has no other row.
    assertThat(one.get(2)).containsExactly(new float[] {1, -1}, org.assertj.core.data.Offset.offset(1e-6f));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("probe 1 never ran beside probe 0");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
