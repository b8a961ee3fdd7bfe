package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An embedded store whose commits wait at a gate before they start (and so before the log is written):
 * tests see what a commit in progress could and could not hold. Open by default.
 */
public final class HeldCommits {
  private boolean held;
  private int waiting;

  /** Later commits wait until {@link #release()}. */
  public synchronized void hold() {
    held = true;
  }

  /** Lets every waiting and later commit go on. */
  public synchronized void release() {
    held = false;
    notifyAll();
  }

  /** Waits until a commit is waiting at the gate. */
  public synchronized boolean awaitWaitingCommit() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (waiting == 0 && System.nanoTime() < until) {
      wait(100);
    }
    return waiting > 0;
  }

  private synchronized void gate() {
    if (!held) {
      return;
    }
    waiting++;
    notifyAll();
    boolean interrupted = false;
    while (held) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    waiting--;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  public EmbeddedStore open(Path dir, BotClock clock) {
    return new EmbeddedStore(dir, clock, real -> before(real, this::gate));
  }

  /** {@code real} with {@code hook} run before each commit (which may throw, as a failing disk). */
  static GroupCommit.Durable before(GroupCommit.Durable real, Runnable hook) {
    return new ForwardingDurable(real) {
      @Override
      public void commit() {
        hook.run();
        super.commit();
      }
    };
  }
}
