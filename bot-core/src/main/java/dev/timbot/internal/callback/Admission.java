package dev.timbot.internal.callback;

/**
 * Paces acknowledgements to what the bot can answer: the receiver calls {@link #pace()} before it
 * records and answers a callback, so a bot at saturation answers the service more slowly instead
 * of acknowledging callbacks faster than it replies to them.
 */
@FunctionalInterface
public interface Admission {
  /** Returns when the callback may be taken; may wait a bounded time, never throws. */
  void pace();

  /** Never waits. */
  Admission OPEN = () -> {};
}
