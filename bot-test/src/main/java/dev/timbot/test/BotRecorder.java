package dev.timbot.test;

import dev.timbot.Bot;
import dev.timbot.BotEvent;
import dev.timbot.MatchTrace;
import dev.timbot.message.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/** Everything a bot reports while under test: its match traces and every event of every kind. */
final class BotRecorder {
  private final List<MatchTrace> traces = new CopyOnWriteArrayList<>();
  private final Map<BotEvent<?>, List<Object>> events = new ConcurrentHashMap<>();

  /** Starts recording {@code bot}'s traces and events (before it starts, so none is missed). */
  BotRecorder(Bot bot) {
    bot.onTrace(traces::add);
    for (BotEvent<?> e : BotEvent.ALL) {
      record(bot, e);
    }
  }

  private <T> void record(Bot bot, BotEvent<T> event) {
    List<Object> list = events.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>());
    bot.on(event, list::add);
  }

  List<MatchTrace> traces() {
    return List.copyOf(traces);
  }

  /** The newest trace, or null before any message was dispatched. */
  MatchTrace lastTraceOrNull() {
    return traces.isEmpty() ? null : traces.get(traces.size() - 1);
  }

  MatchTrace traceOf(Message message) {
    return traces.stream().filter(t -> t.message().dedupeKey().equals(message.dedupeKey())).findFirst()
        .orElseThrow(() -> new AssertionFailedError("message " + message.dedupeKey() + " was not dispatched; traces: "
            + traces.stream().map(t -> t.message().dedupeKey()).collect(Collectors.toList())));
  }

  @SuppressWarnings("unchecked")
  <T> List<T> events(BotEvent<T> event) {
    return (List<T>) List.copyOf(events.getOrDefault(event, List.of()));
  }
}
