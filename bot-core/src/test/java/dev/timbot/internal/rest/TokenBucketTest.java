package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  static final long MS = 1_000_000L;

  @Test
  void startsFullThenQueuesInArrivalOrder() {
    TokenBucket b = new TokenBucket(4);
    for (int i = 0; i < 4; i++) {
      assertThat(b.reserve(0)).isZero();
    }
    assertThat(b.reserve(0)).isEqualTo(250 * MS);
    assertThat(b.reserve(0)).isEqualTo(500 * MS);
  }

  @Test
  void refillsWithTimeUpToOneSecondsWorth() {
    TokenBucket b = new TokenBucket(10);
    for (int i = 0; i < 10; i++) {
      b.reserve(0);
    }
    assertThat(b.reserve(0)).isEqualTo(100 * MS);
    // The debt of one token is repaid after 100 ms; after 10 s the bucket is full, not fuller.
    long later = 10_000 * MS;
    for (int i = 0; i < 10; i++) {
      assertThat(b.reserve(later)).isZero();
    }
    assertThat(b.reserve(later)).isEqualTo(100 * MS);
  }

  @Test
  void rateMustBePositive() {
    assertThatThrownBy(() -> new TokenBucket(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
