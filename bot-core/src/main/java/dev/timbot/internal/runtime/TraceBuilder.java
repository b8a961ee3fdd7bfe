package dev.timbot.internal.runtime;

import dev.timbot.internal.dispatch.HandlerDef;

import dev.timbot.MatchTrace;
import dev.timbot.MatchTrace.HandlerTrace;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects a message's {@link MatchTrace}. The lane thread adds entries; a handler-timeout
 * watchdog may freeze it first (the lane moves on), after which late entries are ignored.
 */
final class TraceBuilder {
  private final Message message;
  private final Routing routing;
  private final List<HandlerDef> handlers;
  private Map<Integer, HandlerTrace> entries;
  private String consumedBy;
  private String mutedBy;
  private String ignored;
  private final boolean recording;
  private boolean finished;

  /** With {@code recording} false nothing is kept; {@link #build} still finishes exactly once. */
  TraceBuilder(Message message, Routing routing, List<HandlerDef> handlers, boolean recording) {
    this.message = message;
    this.routing = routing;
    this.handlers = handlers;
    this.recording = recording;
    this.entries = recording ? new TreeMap<>() : null;
  }

  /** Whether entries are kept (someone listens to traces); callers skip building details otherwise. */
  boolean recording() {
    return recording;
  }

  synchronized void add(int position, HandlerDef h, Verdict verdict, String detail) {
    if (recording && !finished) {
      entries.put(position, new HandlerTrace(h.name(), h.priority(), verdict, detail == null ? "" : detail));
    }
  }

  synchronized void consumedBy(String what) {
    consumedBy = what;
  }

  synchronized void ignored(String reason) {
    ignored = reason;
  }

  synchronized void mutedBy(String interceptor) {
    mutedBy = interceptor;
  }

  /**
   * Freezes the trace once; handlers without an entry get {@code rest}. Returns null if already
   * built, or when not recording.
   */
  synchronized MatchTrace build(Verdict rest, String restDetail) {
    if (finished) {
      return null;
    }
    finished = true;
    if (!recording) {
      return null;
    }
    if (consumedBy == null && rest != null) {
      for (int i = 0; i < handlers.size(); i++) {
        if (!entries.containsKey(i)) {
          HandlerDef h = handlers.get(i);
          entries.put(i, new HandlerTrace(h.name(), h.priority(), rest, restDetail));
        }
      }
    }
    return new MatchTrace(message, routing, consumedBy, mutedBy, ignored, new ArrayList<>(entries.values()));
  }
}
