package dev.timbot.internal.rest;

import dev.timbot.BotEvent.NetState;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a user's listener and logs, rather than propagates, anything it throws. */
public final class SafeListener implements ImClientListener {
  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);
  private final ImClientListener delegate;

  public SafeListener(ImClientListener delegate) {
    this.delegate = delegate == null ? ImClientListener.NONE : delegate;
  }

  @Override
  public void onNetStateChange(NetState state) {
    try {
      delegate.onNetStateChange(state);
    } catch (RuntimeException e) {
      log.warn("ImClientListener.onNetStateChange failed", e);
    }
  }

  @Override
  public void onCallEnd(String api, Duration latency, int errorCode) {
    try {
      delegate.onCallEnd(api, latency, errorCode);
    } catch (RuntimeException e) {
      log.warn("ImClientListener.onCallEnd failed", e);
    }
  }

  @Override
  public void onRetry(String api, int attempt, int errorCode) {
    try {
      delegate.onRetry(api, attempt, errorCode);
    } catch (RuntimeException e) {
      log.warn("ImClientListener.onRetry failed", e);
    }
  }

  @Override
  public void onRateLimitWait(String api, Duration waited) {
    try {
      delegate.onRateLimitWait(api, waited);
    } catch (RuntimeException e) {
      log.warn("ImClientListener.onRateLimitWait failed", e);
    }
  }
}
