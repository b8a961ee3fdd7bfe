package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An embedded store whose commits wait at a gate before they start (and so before MVStore takes
 * any map's root): tests see what a commit in progress could and could not hold. Open by default.
 */
public final class HeldCommits {
  private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
  private final CountDownLatch waiting = new CountDownLatch(1);
  private volatile boolean held;

  /** Later commits wait until {@link #release()}. */
  public void hold() {
    held = true;
    gate.drainPermits();
  }

  /** Lets every waiting and later commit go on. */
  public void release() {
    held = false;
    gate.release(Integer.MAX_VALUE / 2);
  }

  /** Waits until a commit is waiting at the gate. */
  public boolean awaitWaitingCommit() throws InterruptedException {
    return waiting.await(10, TimeUnit.SECONDS);
  }

  public EmbeddedStore open(Path dir, BotClock clock) {
    return new EmbeddedStore(dir, clock, real -> before(real, () -> {
      if (held) {
        waiting.countDown();
      }
      gate.acquireUninterruptibly();
      gate.release();
    }));
  }

  /** {@code real} with {@code hook} run before each commit (which may throw, as a failing disk). */
  static GroupCommit.Durable before(GroupCommit.Durable real, Runnable hook) {
    return new GroupCommit.Durable() {
      @Override
      public void commitAndSync() {
        hook.run();
        real.commitAndSync();
      }

      @Override
      public boolean hasUnsavedChanges() {
        return real.hasUnsavedChanges();
      }

      @Override
      public void halt() {
        real.halt();
      }
    };
  }
}
