package dev.timbot.internal.store;

/**
 * A daemon thread that runs a pass every {@code intervalMillis} until it is stopped or a pass says
 * to end: the store's once-a-second fsync ({@link IntervalFsync}) and its checkpoint ({@link
 * Checkpointer}). Stopping it wakes it and waits for the pass in progress; it is never interrupted
 * on purpose, since an interrupt closes a file channel the thread is using.
 */
final class IntervalThread {
  /** One pass; false ends the thread. */
  interface Pass {
    boolean run();
  }

  private final long intervalMillis;
  private final Pass pass;
  private final Object lock = new Object();
  private final Thread thread;
  private volatile boolean stopping;

  IntervalThread(String name, long intervalMillis, Pass pass) {
    this.intervalMillis = intervalMillis;
    this.pass = pass;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether {@link #stop} was called: a long pass checks it to give up early. */
  boolean stopping() {
    return stopping;
  }

  private void loop() {
    while (true) {
      synchronized (lock) {
        if (!stopping) {
          try {
            lock.wait(intervalMillis);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      if (stopping || !pass.run()) {
        return;
      }
    }
  }

  /** Wakes the thread to end it, and waits up to {@code joinMillis} for the pass in progress. */
  void stop(long joinMillis) {
    stopping = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    try {
      thread.join(joinMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
