package dev.timbot.plugins.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt of a relay operation: the call it changed, the agents it took, and what it will
 * say and log — said only once the change is saved, so an attempt that lost a race with another
 * process says nothing and is run again.
 */
final class CallChange {
  RelayedCall call;
  /** The call's next deadline when it was read: its timer is armed again only when this moved. */
  Instant deadlineBefore;
  /** The timer fired: arm the next deadline even if it did not move (the fired timer is spent). */
  boolean timerSpent;
  final List<String> claimed = new ArrayList<>();
  final List<String> released = new ArrayList<>();
  final List<Runnable> effects = new ArrayList<>();

  /** This attempt changes {@code c}, read from the book. */
  RelayedCall change(RelayedCall c) {
    call = c;
    deadlineBefore = c.nextDeadline();
    return c;
  }

  /** This attempt starts {@code c} (no timer armed yet). */
  RelayedCall start(RelayedCall c) {
    call = c;
    deadlineBefore = null;
    return c;
  }

  void then(Runnable effect) {
    effects.add(effect);
  }
}
