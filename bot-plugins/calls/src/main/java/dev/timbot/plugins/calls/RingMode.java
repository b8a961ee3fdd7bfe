package dev.timbot.plugins.calls;

/** How a ring group is rung. */
public enum RingMode {
  /** All available agents at once; the first to accept wins, the others get cancel. */
  PARALLEL,
  /** One agent after another, each for the ring group's per-agent time. */
  SEQUENTIAL
}
