package dev.timbot.internal.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's checkpoint thread: every {@code intervalMillis} it runs the checkpoint
 * ({@link EmbeddedStore}: MVStore's maps written to its file, the log segments that makes redundant
 * deleted) beside the commit thread, which only switches log segments for it between two commits.
 * On the commit thread a checkpoint held every commit back for its duration: 1–80 ms for MVStore's
 * commit, up to 15 ms for creating and deleting segment files (BENCHMARKS §8t).
 *
 * <p>A checkpoint that fails is kept for the commit thread, which stops the store at its next commit
 * ({@link GroupCommit}, "Fail-stop"), and this thread ends. It is never interrupted: an interrupt
 * closes the file channel a thread is using (MVStore's own).
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  /** Thrown out of a checkpoint when the store closes while it waits for the commit thread. */
  static final class Closing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Closing() {
      super("the store is closing", null, false, false);
    }
  }

  private final Runnable checkpoint;
  private final IntervalThread thread;
  private volatile RuntimeException failure;

  Checkpointer(Runnable checkpoint, long intervalMillis, String name) {
    this.checkpoint = checkpoint;
    this.thread = new IntervalThread(name, intervalMillis, this::pass);
  }

  /** The failure of a checkpoint, once one failed. */
  RuntimeException failure() {
    return failure;
  }

  /** Waits for what the commit thread does for a checkpoint, giving up when the store closes. */
  void await(CompletableFuture<Void> step) {
    while (true) {
      if (thread.stopping()) {
        throw new Closing();
      }
      try {
        step.get(100, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        // look at stopping() again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Closing();
      } catch (ExecutionException e) {
        // The commit thread stopped the store (it logged why): nothing for a checkpoint to do any more.
        log.warn("checkpoint abandoned: the store stopped ({})", e.getCause().toString());
        throw new Closing();
      }
    }
  }

  private boolean pass() {
    try {
      checkpoint.run();
      return true;
    } catch (Closing e) {
      return false;
    } catch (RuntimeException e) {
      failure = e;
      log.error("the store's checkpoint failed, and the store stops: callbacks are refused until the bot is "
          + "restarted, which recovers everything acknowledged so far from the log", e);
      return false;
    }
  }

  /** Stops the thread after the checkpoint in progress, if any. */
  @Override
  public void close() {
    thread.stop(30_000);
  }
}
