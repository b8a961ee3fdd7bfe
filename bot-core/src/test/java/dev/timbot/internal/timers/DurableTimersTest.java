package dev.timbot.internal.timers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store.TimerStore.Due;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DurableTimersTest {
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Store store = Stores.open("memory:", clock);
  final List<String> ran = new CopyOnWriteArrayList<>();
  final List<String> lanes = new ArrayList<>();
  final DurableTimers timers = new DurableTimers(store::timers, clock, (lane, task) -> {
    lanes.add(lane);
    task.run();
  }, Duration.ofSeconds(1), Duration.ofMinutes(1));

  @AfterEach
  void close() {
    timers.stop();
    store.close();
  }

  DurableTimers.Owner owner(String name, boolean inLane) {
    return new DurableTimers.Owner() {
      @Override
      public String lane(Due due) {
        return inLane ? new String(due.payload(), StandardCharsets.UTF_8) : null;
      }

      @Override
      public void fire(Due due) {
        ran.add(name + ":" + due.key());
      }
    };
  }

  void arm(String key, Duration in, String lane) {
    store.timers().schedule(key, clock.now().plus(in), lane.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eachTimerGoesToTheOwnerOfItsLongestPrefixOnTheClock() {
    timers.register("ask:", owner("asks", true));
    timers.register("ask:special:", owner("special", false));
    timers.start();
    arm("ask:C2Calice", Duration.ofSeconds(10), "C2Calice");
    arm("ask:special:1", Duration.ofSeconds(10), "x");
    clock.advance(Duration.ofSeconds(9));
    assertThat(ran).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(ran).containsExactlyInAnyOrder("asks:ask:C2Calice", "special:ask:special:1");
    assertThat(lanes).containsExactly("C2Calice");
    clock.advance(Duration.ofMinutes(5)); // done: not run again after the lease
    assertThat(ran).hasSize(2);
  }

  @Test
  void aTimerWithoutOwnerIsDroppedAndOneThatThrowsIsNotRetriedForever() {
    timers.register("boom:", new DurableTimers.Owner() {
      @Override
      public String lane(Due due) {
        return null;
      }

      @Override
      public void fire(Due due) {
        ran.add("boom");
        throw new IllegalStateException("owner failed");
      }
    });
    timers.start();
    arm("nobody:1", Duration.ZERO, "x");
    arm("boom:1", Duration.ZERO, "x");
    clock.advance(Duration.ofMinutes(10));
    assertThat(ran).containsExactly("boom");
    assertThat(store.timers().claimDue(clock.now().plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10)).isEmpty();
  }

  @Test
  void moreThanABatchIsHandedOutInOnePoll() {
    timers.register("t:", owner("t", false));
    timers.start();
    for (int i = 0; i < DurableTimers.BATCH * 2 + 5; i++) {
      arm("t:" + i, Duration.ofSeconds(1), "x");
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(ran).hasSize(DurableTimers.BATCH * 2 + 5);
  }

  @Test
  void stoppedItPollsNoMoreAndLeavesNoClockTimer() {
    timers.register("t:", owner("t", false));
    timers.start();
    assertThat(clock.pendingTimers()).isEqualTo(1);
    timers.stop();
    assertThat(clock.pendingTimers()).isZero();
    arm("t:1", Duration.ZERO, "x");
    clock.advance(Duration.ofMinutes(1));
    assertThat(ran).isEmpty();
  }
}
