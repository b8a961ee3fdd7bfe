package dev.timbot.plugins.calls;

/** Where finished calls are written. Implementations must be thread-safe. */
@FunctionalInterface
public interface CallLog {
  CallLog NONE = record -> {};

  void record(CallRecord record);
}
