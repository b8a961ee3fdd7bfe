package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  static final long MS = 1_000_000L;

  @Test
  void admitsTheLimitInAHalfOpenSecondThenSaysWhenTheOldestLeaves() {
    SlidingWindow w = new SlidingWindow(3);
    assertThat(w.admit(0)).isZero();
    assertThat(w.admit(100 * MS)).isZero();
    assertThat(w.admit(200 * MS)).isZero();
    assertThat(w.admit(300 * MS)).as("three in the last second").isEqualTo(700 * MS);
    assertThat(w.admit(999 * MS)).as("a refused call is not counted").isEqualTo(MS);
    assertThat(w.admit(1_000 * MS)).as("the first left the window exactly 1 s later").isZero();
    assertThat(w.admit(1_000 * MS)).isEqualTo(100 * MS);
    assertThat(w.admit(5_000 * MS)).isZero();
    assertThat(w.admit(5_000 * MS)).isZero();
    assertThat(w.admit(5_000 * MS)).isZero();
    assertThat(w.admit(5_000 * MS)).isEqualTo(1_000 * MS);
    assertThat(w.limit()).isEqualTo(3);
  }

  @Test
  void limitMustBePositive() {
    assertThatThrownBy(() -> new SlidingWindow(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
