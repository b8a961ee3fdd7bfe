package dev.timbot.internal.runtime;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One timer for every handler deadline of a bot, instead of one timer armed and cancelled per
 * handler call. Running handlers (at most one per lane thread, plus nested interceptors) register
 * a deadline; the watchdog keeps a single clock timer at or before the earliest deadline. When it
 * fires it expires whatever is due and re-arms for the next deadline. A handler that returns just
 * leaves the list: the timer stays armed and, firing later, finds nothing due.
 *
 * <p>So at a steady rate the clock sees about one timer per {@code handlerTimeout}, not several per
 * message, and with a virtual clock every deadline still fires at exactly its due time.
 */
final class Watchdog {
  /** Something with a deadline; {@link #expire()} runs on the clock's timer thread. */
  interface Deadline {
    void expire();
  }

  private final BotClock clock;
  private final Object lock = new Object();
  private final List<Deadline> armed = new ArrayList<>();
  private long[] due = new long[16];
  private long timerDue = Long.MAX_VALUE;
  private BotClock.Timer timer;
  private long timerOps;

  Watchdog(BotClock clock) {
    this.clock = clock;
  }

  /** Watches {@code d}, due {@code timeout} from now. */
  void arm(Deadline d, Duration timeout) {
    long at = clock.nanoTime() + Math.max(0, timeout.toNanos());
    if (at < 0) {
      at = Long.MAX_VALUE - 1; // an absurd timeout: never fires
    }
    synchronized (lock) {
      int n = armed.size();
      if (n == due.length) {
        due = java.util.Arrays.copyOf(due, n * 2);
      }
      armed.add(d);
      due[n] = at;
      if (at < timerDue) {
        rearm(at);
      }
    }
  }

  /** Stops watching {@code d} (it finished in time); a no-op when it already expired. */
  void disarm(Deadline d) {
    synchronized (lock) {
      // From the end: the most recently armed (an inner interceptor or the handler) leaves first.
      for (int i = armed.size() - 1; i >= 0; i--) {
        if (armed.get(i) == d) {
          remove(i);
          return;
        }
      }
    }
  }

  /** Timers this watchdog armed or cancelled on the clock, for tests and benchmarks. */
  long timerOperations() {
    synchronized (lock) {
      return timerOps;
    }
  }

  private void remove(int i) {
    int last = armed.size() - 1;
    armed.set(i, armed.get(last));
    due[i] = due[last];
    armed.remove(last);
  }

  private void rearm(long at) {
    if (timer != null) {
      timer.cancel();
      timerOps++;
    }
    timerDue = at;
    timer = clock.schedule(Duration.ofNanos(Math.max(0, at - clock.nanoTime())), this::fire);
    timerOps++;
  }

  private void fire() {
    List<Deadline> expired = null;
    synchronized (lock) {
      timer = null;
      timerDue = Long.MAX_VALUE;
      long now = clock.nanoTime();
      long next = Long.MAX_VALUE;
      for (int i = armed.size() - 1; i >= 0; i--) {
        if (due[i] <= now) {
          if (expired == null) {
            expired = new ArrayList<>();
          }
          expired.add(armed.get(i));
          remove(i);
        }
      }
      for (int i = 0; i < armed.size(); i++) {
        next = Math.min(next, due[i]);
      }
      if (next != Long.MAX_VALUE) {
        rearm(next);
      }
    }
    if (expired != null) {
      for (Deadline d : expired) {
        d.expire();
      }
    }
  }
}
