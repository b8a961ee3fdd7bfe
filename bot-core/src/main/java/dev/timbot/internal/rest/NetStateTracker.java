package dev.timbot.internal.rest;

import dev.timbot.BotEvent.NetState;

/**
 * The REST API's reachability as seen by the calls: CONNECTED when the service answered (even
 * with an error code), CONNECTING while a call is retried after a transport failure, DISCONNECTED
 * when a call ran out of retries. Reports changes only; the first answer reports CONNECTED.
 */
public final class NetStateTracker {
  private final ImClientListener listener;
  private NetState state;

  public NetStateTracker(ImClientListener listener) {
    this.listener = listener;
  }

  public void answered() {
    moveTo(NetState.CONNECTED);
  }

  public void retrying() {
    moveTo(NetState.CONNECTING);
  }

  public void gaveUp() {
    moveTo(NetState.DISCONNECTED);
  }

  /** The last reported state, or null before the first call ended. */
  public synchronized NetState state() {
    return state;
  }

  private synchronized void moveTo(NetState next) {
    if (state == next) {
      return;
    }
    state = next;
    // Reported under the lock so that listeners see changes in the order they happened; the
    // listener contract asks for a quick return.
    listener.onNetStateChange(next);
  }
}
