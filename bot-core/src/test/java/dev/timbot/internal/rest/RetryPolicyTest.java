package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(2));

  @Test
  void ceilingDoublesUpToTheMaximum() {
    assertThat(policy.ceiling(1, false)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.ceiling(2, false)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.ceiling(4, false)).isEqualTo(Duration.ofMillis(1600));
    assertThat(policy.ceiling(5, false)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.ceiling(60, false)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rateLimitedCallsWaitAtLeastAboutASecond() {
    assertThat(policy.ceiling(1, true)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.ceiling(2, true)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void jitterStaysBetweenHalfAndTheCeiling() {
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      Duration d = policy.delay(3, false, random);
      assertThat(d).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    }
  }
}
