package dev.timbot.plugins.service;

import java.util.function.Supplier;

/**
 * How the desk's operations are kept consistent: {@link #local} for a desk of one process (its
 * lock, state written behind), {@link ClusterSync} for a desk shared by several processes through
 * the bot's store (a lease lock across them, the newest state read before and written after each
 * change).
 */
interface DeskSync {
  /** Runs a change of the desk's state. */
  <T> T write(Supplier<T> op);

  /** Runs a look at the desk's state. */
  <T> T read(Supplier<T> op);

  /**
   * Runs what a timer does; false when it could not run now and must be tried again a little later
   * (another process holds the desk). Never waits for another process, so a clock's timer thread
   * is never held up.
   */
  boolean fire(Runnable op);

  /** Loads the saved state at start. */
  void start();

  /** Stops any background work. */
  void stop();

  /** A desk of one process: {@code monitor}'s lock; {@code load} reads the saved state at start. */
  static DeskSync local(Object monitor, Runnable load) {
    return new DeskSync() {
      @Override
      public <T> T write(Supplier<T> op) {
        synchronized (monitor) {
          return op.get();
        }
      }

      @Override
      public <T> T read(Supplier<T> op) {
        return write(op);
      }

      @Override
      public boolean fire(Runnable op) {
        synchronized (monitor) {
          op.run();
        }
        return true;
      }

      @Override
      public void start() {
        synchronized (monitor) {
          load.run();
        }
      }

      @Override
      public void stop() {}
    };
  }
}
