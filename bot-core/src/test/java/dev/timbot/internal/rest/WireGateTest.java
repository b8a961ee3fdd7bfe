package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Reservations are made ahead of time; a call made late (a stalled timer thread, a busy HTTP
 * queue) must still not push the calls that leave in any second over the limit. On a virtual clock.
 */
class WireGateTest {
  static final long MS = 1_000_000L;
  static final String SENDMSG = "openim/sendmsg";

  final VirtualClock clock = new VirtualClock();

  @Test
  void callsMadeLateAfterTheirReservationStillLeaveAtMostTheLimitInAnySlidingSecond() throws Exception {
    // A backlog of 600 calls paced by this process's bucket; the ones whose slot falls in
    // [0.5 s, 1 s) are made 400 ms late, all together (the host was starved).
    LongUnaryOperator lateness = slot -> slot >= 500 * MS && slot < 1_000 * MS ? 400 * MS : 0;
    List<Long> intended = intendedDepartures(600, lateness);
    assertThat(maxInAnySecond(intended)).as("without the gate the late calls bunch with punctual ones")
        .isGreaterThan(250);

    WireGate gate = new WireGate(clock, true, this::sleep, Optional::empty, api -> 200, ImClientListener.NONE);
    List<Long> left = new ArrayList<>();
    for (long at : intended) {
      if (at > clock.nanoTime()) {
        clock.advance(Duration.ofNanos(at - clock.nanoTime()));
      }
      gate.await(SENDMSG);
      left.add(clock.nanoTime());
    }
    assertThat(maxInAnySecond(left)).isLessThanOrEqualTo(200);
    // The gate costs no throughput: the 600 calls leave within 3 s + the 400 ms stall.
    assertThat(left.get(left.size() - 1)).isLessThanOrEqualTo(3_400 * MS);
  }

  @Test
  void theSharedWindowDecidesWhenThereIsOneAndItsWaitIsReported() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Store.SharedRateLimit shared = new Store.SharedRateLimit() {
      @Override
      public Duration reserve(String key, int perSecond) {
        throw new AssertionError("the gate only admits");
      }

      @Override
      public Duration admit(String key, int perSecond) {
        assertThat(key).isEqualTo(SENDMSG);
        assertThat(perSecond).as("4% under the limit").isEqualTo(192);
        return asked.incrementAndGet() == 1 ? Duration.ofMillis(30) : Duration.ZERO;
      }
    };
    List<Duration> waits = new ArrayList<>();
    ImClientListener listener = new ImClientListener() {
      @Override
      public void onRateLimitWait(String api, Duration waited) {
        waits.add(waited);
      }
    };
    WireGate gate = new WireGate(clock, false, this::sleep, () -> Optional.of(shared), api -> 200, listener);
    gate.await(SENDMSG);
    assertThat(asked).hasValue(2);
    assertThat(clock.nanoTime()).isEqualTo(30 * MS);
    assertThat(waits).containsExactly(Duration.ofMillis(30));
  }

  @Test
  void anUnreachableSharedStoreFallsBackToThisProcesssWindow() throws Exception {
    Store.SharedRateLimit down = new Store.SharedRateLimit() {
      @Override
      public Duration reserve(String key, int perSecond) {
        throw new IllegalStateException("down");
      }

      @Override
      public Duration admit(String key, int perSecond) {
        throw new IllegalStateException("down");
      }
    };
    WireGate gate = new WireGate(clock, true, this::sleep, () -> Optional.of(down), api -> 2, ImClientListener.NONE);
    gate.await(SENDMSG);
    gate.await(SENDMSG);
    gate.await(SENDMSG);
    assertThat(clock.nanoTime()).isEqualTo(1_000 * MS);
  }

  @Test
  void withoutASharedStoreOnAVirtualClockThereIsNoWireToHold() throws Exception {
    WireGate gate = new WireGate(clock, false, this::sleep, Optional::empty, api -> 1, ImClientListener.NONE);
    gate.await(SENDMSG);
    gate.await(SENDMSG);
    assertThat(clock.nanoTime()).isZero();
  }

  @Test
  void theApiIsTheLastTwoSegmentsAfterV4() {
    assertThat(WireGate.api(List.of("v4", "openim", "sendmsg"))).isEqualTo(SENDMSG);
    assertThat(WireGate.api(List.of("im", "v4", "openim", "sendmsg"))).isEqualTo(SENDMSG);
    assertThat(WireGate.api(List.of("media", "x"))).isNull();
  }

  private void sleep(long nanos) {
    clock.advance(Duration.ofNanos(nanos));
  }

  /** When each of {@code n} calls reserved at time 0 would be made: its slot plus its lateness. */
  private static List<Long> intendedDepartures(int n, LongUnaryOperator lateness) {
    TokenBucket bucket = new TokenBucket(200);
    List<Long> at = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long slot = bucket.reserve(0);
      at.add(slot + lateness.applyAsLong(slot));
    }
    at.sort(Comparator.naturalOrder());
    return at;
  }

  private static int maxInAnySecond(List<Long> sorted) {
    int max = 0;
    for (int from = 0, to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) >= 1_000 * MS) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
