package dev.timbot.internal.runtime;

import dev.timbot.BotEvent;
import dev.timbot.BotEvents;
import dev.timbot.BotEvent.BotError;
import dev.timbot.MatchTrace;
import dev.timbot.message.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link BotEvent}s and match traces to listeners, synchronously and in subscription
 * order. A throwing listener is reported as {@code ERROR}; a throwing {@code ERROR} listener is
 * only logged, so a failure can never loop.
 */
public final class EventBus implements BotEvents {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);
  private static final Logger traceLog = LoggerFactory.getLogger("dev.timbot.dispatch");

  private final Map<BotEvent<?>, List<BotEvent.Listener<?>>> listeners = new ConcurrentHashMap<>();
  private final List<Consumer<MatchTrace>> traceListeners = new CopyOnWriteArrayList<>();

  @Override
  public <T> AutoCloseable on(BotEvent<T> event, BotEvent.Listener<T> listener) {
    List<BotEvent.Listener<?>> list = listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>());
    list.add(listener);
    return () -> list.remove(listener);
  }

  public AutoCloseable onTrace(Consumer<MatchTrace> listener) {
    traceListeners.add(listener);
    return () -> traceListeners.remove(listener);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> void emit(BotEvent<T> event, T data) {
    for (BotEvent.Listener<?> l : listeners.getOrDefault(event, List.of())) {
      try {
        ((BotEvent.Listener<T>) l).on(data);
      } catch (Exception | LinkageError | AssertionError e) {
        if (event == BotEvent.ERROR) {
          log.error("an ERROR listener failed while handling {}", data, e);
        } else {
          log.warn("a {} listener failed", event, e);
          error(BotError.Kind.LISTENER_FAILED, 0, "a " + event + " listener threw " + e, e, null,
              l.getClass().getName());
        }
      }
    }
  }

  public void error(
      BotError.Kind kind, int code, String description, Throwable cause, Message message, String source) {
    emit(BotEvent.ERROR, new BotError(kind, code, description, cause, message, source));
  }

  /** Whether anyone reads match traces: building them per handler is not free. */
  public boolean tracing() {
    return traceLog.isDebugEnabled() || !traceListeners.isEmpty();
  }

  public void trace(MatchTrace trace) {
    if (traceLog.isDebugEnabled()) {
      traceLog.debug("{}", trace);
    }
    for (Consumer<MatchTrace> l : traceListeners) {
      try {
        l.accept(trace);
      } catch (RuntimeException e) {
        log.warn("a trace listener failed", e);
      }
    }
  }
}
