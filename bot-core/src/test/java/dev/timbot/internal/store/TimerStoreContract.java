package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store.TimerStore.Due;
import dev.timbot.spi.Store.TimerStore;
import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TimerStore} must do, on a virtual clock. A backend's test extends this and
 * opens its store in {@link #open()}; a durable backend also answers {@link #reopen()}.
 */
public abstract class TimerStoreContract {
  protected static final Duration LEASE = Duration.ofSeconds(30);
  protected final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Store store;

  /** A fresh, empty store on {@link #clock}. */
  protected abstract Store open();

  /**
   * Closes {@code store} and opens it again on the same data; a store that keeps nothing across a
   * restart returns null (the survival test is then skipped).
   */
  protected Store reopen(Store store) {
    return null;
  }

  protected TimerStore timers() {
    if (store == null) {
      store = open();
    }
    return store.timers();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String text(Due d) {
    return new String(d.payload(), StandardCharsets.UTF_8);
  }

  protected Instant in(Duration d) {
    return clock.now().plus(d);
  }

  protected List<Due> claim() {
    return timers().claimDue(clock.now(), LEASE, 100);
  }

  @Test
  public void dueTimersComeEarliestFirstAndNotBefore() {
    TimerStore t = timers();
    t.schedule("c", in(Duration.ofSeconds(30)), bytes("third"));
    t.schedule("a", in(Duration.ofSeconds(10)), bytes("first"));
    t.schedule("b", in(Duration.ofSeconds(20)), bytes("second"));
    clock.advance(Duration.ofSeconds(9));
    assertThat(claim()).isEmpty();
    clock.advance(Duration.ofSeconds(25));
    List<Due> due = claim();
    assertThat(due).extracting(Due::key).containsExactly("a", "b", "c");
    assertThat(due).extracting(TimerStoreContract::text).containsExactly("first", "second", "third");
    assertThat(due.get(0).at()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
    assertThat(due).extracting(Due::claim).doesNotHaveDuplicates();
  }

  @Test
  public void theLimitTakesTheEarliest() {
    TimerStore t = timers();
    for (int i = 9; i >= 0; i--) {
      t.schedule("k" + i, in(Duration.ofSeconds(i)), bytes("" + i));
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(t.claimDue(clock.now(), LEASE, 3)).extracting(Due::key).containsExactly("k0", "k1", "k2");
    assertThat(t.claimDue(clock.now(), LEASE, 3)).extracting(Due::key).containsExactly("k3", "k4", "k5");
  }

  @Test
  public void armingAgainReplacesTheTimer() {
    TimerStore t = timers();
    t.schedule("ask:C2Calice", in(Duration.ofSeconds(10)), bytes("old"));
    t.schedule("ask:C2Calice", in(Duration.ofSeconds(60)), bytes("new"));
    clock.advance(Duration.ofSeconds(30));
    assertThat(claim()).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(claim()).singleElement().satisfies(d -> {
      assertThat(text(d)).isEqualTo("new");
      assertThat(d.at()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    });
  }

  @Test
  public void aCancelledTimerNeverFires() {
    TimerStore t = timers();
    t.schedule("a", in(Duration.ofSeconds(1)), bytes("x"));
    assertThat(t.cancel("a")).isTrue();
    assertThat(t.cancel("a")).isFalse();
    assertThat(t.cancel("never-armed")).isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(claim()).isEmpty();
  }

  @Test
  public void aClaimedTimerIsNotHandedOutAgainWithinItsLease() {
    TimerStore t = timers();
    t.schedule("a", in(Duration.ofSeconds(1)), bytes("x"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(claim()).hasSize(1);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(claim()).isEmpty();
  }

  @Test
  public void aClaimNotDoneWithinItsLeaseIsDueAgain() {
    TimerStore t = timers();
    t.schedule("a", in(Duration.ofSeconds(1)), bytes("x"));
    clock.advance(Duration.ofSeconds(1));
    Due first = claim().get(0);
    clock.advance(LEASE);
    Due second = claim().get(0);
    assertThat(second.key()).isEqualTo("a");
    assertThat(text(second)).isEqualTo("x");
    assertThat(second.at()).isEqualTo(first.at());
    assertThat(second.claim()).isNotEqualTo(first.claim());
    // The first claimant finishing late does not remove what the second one holds.
    t.done("a", first.claim());
    clock.advance(LEASE);
    assertThat(claim()).extracting(Due::key).containsExactly("a");
  }

  @Test
  public void doneRemovesTheTimer() {
    TimerStore t = timers();
    t.schedule("a", in(Duration.ofSeconds(1)), bytes("x"));
    clock.advance(Duration.ofSeconds(1));
    Due d = claim().get(0);
    t.done("a", d.claim());
    clock.advance(LEASE.multipliedBy(3));
    assertThat(claim()).isEmpty();
    assertThat(t.cancel("a")).isFalse();
  }

  @Test
  public void doneWithAStaleClaimKeepsTheTimerArmedAgain() {
    TimerStore t = timers();
    t.schedule("a", in(Duration.ofSeconds(1)), bytes("old"));
    clock.advance(Duration.ofSeconds(1));
    Due d = claim().get(0);
    t.schedule("a", in(Duration.ofSeconds(60)), bytes("new")); // re-armed while it ran
    t.done("a", d.claim());
    clock.advance(Duration.ofSeconds(59));
    assertThat(claim()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(claim()).singleElement().extracting(TimerStoreContract::text).isEqualTo("new");
  }

  @Test
  public void payloadsAreCopies() {
    TimerStore t = timers();
    byte[] payload = bytes("abc");
    t.schedule("a", in(Duration.ZERO), payload);
    payload[0] = 'X';
    Due d = claim().get(0);
    assertThat(text(d)).isEqualTo("abc");
  }

  @Test
  public void badArgumentsAreRefusedClearly() {
    TimerStore t = timers();
    assertThatThrownBy(() -> t.schedule("", in(Duration.ZERO), bytes("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> t.schedule("a", null, bytes("x"))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> t.schedule("a", in(Duration.ZERO), null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  public void timersSurviveAReopen() {
    TimerStore t = timers();
    t.schedule("a", in(Duration.ofSeconds(10)), bytes("kept"));
    t.schedule("b", in(Duration.ofSeconds(5)), bytes("claimed"));
    t.schedule("gone", in(Duration.ofSeconds(5)), bytes("cancelled"));
    t.cancel("gone");
    clock.advance(Duration.ofSeconds(5));
    long firstClaim = claim().get(0).claim();
    Store again = reopen(store);
    if (again == null) {
      return; // nothing survives a restart in this store
    }
    store = again;
    assertThat(claim()).isEmpty(); // b is still leased to the process that died
    clock.advance(LEASE);
    List<Due> due = claim();
    assertThat(due).extracting(Due::key).containsExactly("a", "b");
    assertThat(due).extracting(TimerStoreContract::text).containsExactly("kept", "claimed");
    assertThat(due).extracting(Due::claim).doesNotContain(firstClaim);
  }
}
