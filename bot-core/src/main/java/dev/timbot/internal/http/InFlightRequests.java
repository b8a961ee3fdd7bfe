package dev.timbot.internal.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the requests an {@link HttpHost} has taken and not yet answered, so that stopping can
 * let them finish. Done by hand because Jetty's graceful stop also waits for idle keep-alive
 * connections, and the IM service keeps its connections open: every stop would take the whole
 * grace period.
 */
final class InFlightRequests {
  // The host's logger: its lines are about the host, and one log setting should cover them.
  private static final Logger log = LoggerFactory.getLogger(HttpHost.class);

  private final AtomicInteger count = new AtomicInteger();

  /** Counts a request taken; the callback returned counts it finished when Jetty's completes. */
  Callback track(Callback jettyCallback) {
    count.incrementAndGet();
    return new Tracked(jettyCallback);
  }

  /** Requests taken and not yet answered (or given up by their client). */
  int count() {
    return count.get();
  }

  /** Waits until no request is in flight (a callback being acknowledged), for up to {@code graceMillis}. */
  void awaitNone(long graceMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    while (count.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (count.get() > 0) {
      log.warn("stopping the HTTP server with {} requests still in flight", count.get());
    }
  }

  /** Completes Jetty's callback and counts the request as finished, once. */
  private final class Tracked implements Callback {
    private final Callback delegate;
    private final AtomicBoolean done = new AtomicBoolean();

    Tracked(Callback delegate) {
      this.delegate = delegate;
    }

    @Override
    public void succeeded() {
      finish();
      delegate.succeeded();
    }

    @Override
    public void failed(Throwable failure) {
      finish();
      delegate.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
      return delegate.getInvocationType();
    }

    private void finish() {
      if (done.compareAndSet(false, true)) {
        count.decrementAndGet();
      }
    }
  }
}
