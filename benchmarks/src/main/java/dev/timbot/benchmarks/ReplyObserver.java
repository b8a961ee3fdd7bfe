package dev.timbot.benchmarks;

import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sees every reply arrive at the emulator (subscribed as each load user) and takes the latency
 * from the send time the load generator noted for that message. Both run in the harness JVM, so
 * one monotonic clock serves both ends. Replies carry {@code bench <step>:<index>} back in the
 * echoed text; late replies of an earlier step are ignored.
 */
public final class ReplyObserver implements ImUserListener {
  static final String MARK = "bench ";
  private volatile Step step;

  /** Arrivals of one step. */
  public static final class Step {
    final int id;
    final AtomicLongArray sentAt;
    final AtomicIntegerArray seen;
    final long[] latencies;
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final Semaphore window;
    volatile long lastArrival;

    Step(int id, int capacity, Semaphore window) {
      this.id = id;
      this.sentAt = new AtomicLongArray(capacity);
      this.seen = new AtomicIntegerArray(capacity);
      this.latencies = new long[capacity];
      this.window = window;
    }

    public int received() {
      return received.get();
    }

    /** Sorted latencies in nanoseconds (call after the step). */
    long[] sorted() {
      long[] copy = Arrays.copyOf(latencies, Math.min(received.get(), latencies.length));
      Arrays.sort(copy);
      return copy;
    }
  }

  /** Starts recording step {@code id} of at most {@code capacity} messages. */
  public Step begin(int id, int capacity, Semaphore window) {
    Step s = new Step(id, capacity, window);
    step = s;
    return s;
  }

  @Override
  public void onMessage(ClientMessage message) {
    long now = System.nanoTime();
    Step s = step;
    if (s == null || message.body().isEmpty()) {
      return;
    }
    MessageElem first = message.body().get(0);
    if (!(first instanceof TextElem t)) {
      return;
    }
    String text = t.text();
    int at = text.lastIndexOf(MARK);
    int colon = text.indexOf(':', at + MARK.length());
    if (at < 0 || colon < 0) {
      return;
    }
    int id = Integer.parseInt(text, at + MARK.length(), colon, 10);
    if (id != s.id) {
      return;
    }
    int index = Integer.parseInt(text, colon + 1, text.length(), 10);
    if (!s.seen.compareAndSet(index, 0, 1)) {
      s.duplicates.incrementAndGet();
      return;
    }
    int n = s.received.getAndIncrement();
    s.latencies[n] = now - s.sentAt.get(index);
    s.lastArrival = now;
    if (s.window != null) {
      s.window.release();
    }
  }
}
