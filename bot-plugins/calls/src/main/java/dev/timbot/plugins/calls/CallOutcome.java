package dev.timbot.plugins.calls;

/** How a relayed call ended. */
public enum CallOutcome {
  ANSWERED,
  MISSED,
  REJECTED,
  BUSY,
  CANCELLED,
  FAILED
}
