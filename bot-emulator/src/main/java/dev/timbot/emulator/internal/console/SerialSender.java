package dev.timbot.emulator.internal.console;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends text frames on one WebSocket strictly one after another. Events for a user arrive on
 * whichever thread caused them (another user's send, a REST call), so without this two threads
 * could interleave writes; and a browser that stops reading must not make the emulator buffer
 * without bound, so past {@link #MAX_PENDING_CHARS} the connection is dropped.
 */
final class SerialSender implements Consumer<String> {
  private static final Logger log = LoggerFactory.getLogger(SerialSender.class);
  static final long MAX_PENDING_CHARS = 16L * 1024 * 1024;

  private final Session session;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long pendingChars;
  private boolean inFlight;
  private boolean closed;
  private boolean closeWhenDrained;

  SerialSender(Session session) {
    this.session = session;
  }

  @Override
  public void accept(String text) {
    boolean tooSlow = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (pendingChars + text.length() > MAX_PENDING_CHARS) {
        closed = true;
        queue.clear();
        tooSlow = true;
      } else {
        queue.add(text);
        pendingChars += text.length();
        if (inFlight) {
          return;
        }
        inFlight = true;
      }
    }
    if (tooSlow) {
      // Outside the lock: closing may call straight back into the endpoint.
      log.warn("console client {} is not reading; dropping the connection", session.getRemoteSocketAddress());
      session.close(1008, "client too slow", Callback.NOOP);
      return;
    }
    sendNext();
  }

  /** Closes the socket normally once every frame queued so far has been written. */
  void closeWhenDrained() {
    boolean now;
    synchronized (this) {
      closeWhenDrained = true;
      now = !inFlight && !closed;
      if (now) {
        closed = true;
      }
    }
    if (now) {
      session.close(1000, "bye", Callback.NOOP);
    }
  }

  /** Stops sending; later frames are dropped silently (the socket is gone). */
  synchronized void close() {
    closed = true;
    queue.clear();
  }

  /**
   * Sends queued frames until the queue is empty or a write is still pending. A write that
   * completes synchronously continues this loop instead of recursing from its callback, so a long
   * queue cannot overflow the stack.
   */
  private void sendNext() {
    while (true) {
      String next;
      boolean closeNow = false;
      synchronized (this) {
        next = closed ? null : queue.poll();
        if (next == null) {
          inFlight = false;
          if (closeWhenDrained && !closed) {
            closed = true;
            closeNow = true;
          }
        } else {
          pendingChars -= next.length();
        }
      }
      if (next == null) {
        if (closeNow) {
          session.close(1000, "bye", Callback.NOOP);
        }
        return;
      }
      // Whoever arrives second (this loop or the write's callback) carries on sending.
      AtomicInteger race = new AtomicInteger();
      session.sendText(next, Callback.from(() -> {
        if (race.incrementAndGet() == 2) {
          sendNext();
        }
      }, failure -> {
        log.debug("console send failed", failure);
        close();
      }));
      if (race.incrementAndGet() == 1) {
        return;
      }
    }
  }
}
