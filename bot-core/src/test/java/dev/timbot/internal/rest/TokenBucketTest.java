package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  static final long MS = 1_000_000L;

  @Test
  void aSmallLimitIsPacedOneAtATimeInArrivalOrder() {
    TokenBucket b = new TokenBucket(4);
    assertThat(b.reserve(0)).isZero();
    assertThat(b.reserve(0)).isEqualTo(250 * MS);
    assertThat(b.reserve(0)).isEqualTo(500 * MS);
  }

  @Test
  void theDefaultLimitHasASmallBurstAndNeverOverrunsASlidingSecond() {
    TokenBucket b = new TokenBucket(200);
    // A long backlog arriving at once: when each call may go.
    long[] at = new long[2_000];
    for (int i = 0; i < at.length; i++) {
      at[i] = b.reserve(0);
    }
    assertThat(at[3]).isZero(); // the burst
    assertThat(at[4]).isPositive();
    int maxInWindow = 0;
    for (int i = 0, j = 0; i < at.length; i++) {
      while (at[i] - at[j] >= 1_000 * MS) { // the service's half-open sliding second
        j++;
      }
      maxInWindow = Math.max(maxInWindow, i - j + 1);
    }
    assertThat(maxInWindow).isLessThanOrEqualTo(200);
    assertThat(b.perSecond()).isEqualTo(200);
    // And it still drains at >= 98% of the limit.
    assertThat(at[at.length - 1]).isLessThanOrEqualTo((long) (at.length / (0.98 * 200) * 1_000 * MS));
  }

  @Test
  void refillsWithTimeButHoldsOnlyTheBurst() {
    TokenBucket b = new TokenBucket(200);
    for (int i = 0; i < 4; i++) {
      b.reserve(0);
    }
    long later = 10_000 * MS; // a long pause refills the burst, not a second's worth
    for (int i = 0; i < 4; i++) {
      assertThat(b.reserve(later)).isZero();
    }
    assertThat(b.reserve(later)).isPositive();
  }

  @Test
  void rateMustBePositive() {
    assertThatThrownBy(() -> new TokenBucket(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
