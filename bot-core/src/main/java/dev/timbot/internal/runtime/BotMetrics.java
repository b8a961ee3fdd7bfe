package dev.timbot.internal.runtime;

import dev.timbot.internal.rest.ImClientListener;
import dev.timbot.BotEvent.NetState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import dev.timbot.MatchTrace;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The bot's Micrometer meters, all tagged {@code bot=<account>}:
 *
 * <ul>
 *   <li>{@code timbot.inbox.callbacks} {command} (per bot; the receiver's own {@code
 *       timbot.callbacks.received} counts per app)
 *   <li>{@code timbot.messages.received} {type=c2c|group, routing}
 *   <li>{@code timbot.messages.duplicates}
 *   <li>{@code timbot.messages.ignored} {reason=own|not-addressed|not-delivered|not-ready|before-send}
 *   <li>{@code timbot.messages.rejected} (queue full)
 *   <li>{@code timbot.handler.latency} {plugin, handler} (timer)
 *   <li>{@code timbot.handler.errors} {plugin, handler, kind=exception|timeout}
 *   <li>{@code timbot.sends} {type=c2c|group, outcome=ok|error}
 *   <li>{@code timbot.im.calls} {api, code} (timer), {@code timbot.im.retries} {api},
 *       {@code timbot.im.ratelimit.waits} {api} (timer)
 *   <li>{@code timbot.queue.depth} (gauge: messages queued or running)
 * </ul>
 */
public final class BotMetrics {
  private final MeterRegistry registry;
  private final Tags base;
  // Meters resolved once per tag combination: a builder + registry lookup per increment allocates.
  private final ConcurrentHashMap<String, Counter> callbacks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> ignoredBy = new ConcurrentHashMap<>();
  private final Counter[] received = new Counter[2 * MatchTrace.Routing.values().length];
  private final Counter[] sends = new Counter[4];
  private volatile Counter duplicates;

  public BotMetrics(MeterRegistry registry, String account) {
    this.registry = registry;
    this.base = Tags.of("bot", account == null ? "" : account);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void queueDepth(Supplier<Number> depth) {
    Gauge.builder("timbot.queue.depth", depth).tags(base).description("messages queued or running").register(registry);
  }

  private Counter counter(String name, String... tags) {
    return Counter.builder(name).tags(base).tags(tags).register(registry);
  }

  public void callbackReceived(String command) {
    String c = command == null ? "" : command;
    callbacks.computeIfAbsent(c, k -> counter("timbot.inbox.callbacks", "command", k)).increment();
  }

  public void messageReceived(boolean group, MatchTrace.Routing routing) {
    int i = routing.ordinal() * 2 + (group ? 1 : 0);
    Counter c = received[i];
    if (c == null) {
      c = counter("timbot.messages.received", "type", group ? "group" : "c2c", "routing",
          routing.name().toLowerCase(Locale.ROOT));
      received[i] = c; // a benign race: the registry hands both threads the same meter
    }
    c.increment();
  }

  public void duplicate() {
    Counter c = duplicates;
    if (c == null) {
      c = counter("timbot.messages.duplicates");
      duplicates = c;
    }
    c.increment();
  }

  public void ignored(String reason) {
    ignoredBy.computeIfAbsent(reason, r -> counter("timbot.messages.ignored", "reason", r)).increment();
  }

  public void rejected() {
    counter("timbot.messages.rejected").increment();
  }

  /** One handler's meters, resolved once by the dispatcher. */
  public HandlerMeters handlerMeters(String plugin, String handler) {
    return new HandlerMeters(plugin, handler,
        Timer.builder("timbot.handler.latency").tags(base).tags("plugin", plugin, "handler", handler)
            .register(registry));
  }

  /** A handler's latency timer and its error counters (registered on the first error, as before). */
  public final class HandlerMeters {
    private final String plugin;
    private final String handler;
    private final Timer latency;
    private volatile Counter exceptions;
    private volatile Counter timeouts;

    private HandlerMeters(String plugin, String handler, Timer latency) {
      this.plugin = plugin;
      this.handler = handler;
      this.latency = latency;
    }

    public void latency(long nanos) {
      latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void exception() {
      exceptions = increment(exceptions, "exception");
    }

    public void timeout() {
      timeouts = increment(timeouts, "timeout");
    }

    /** Increments {@code c}, registering it first when this is the handler's first error of {@code kind}. */
    private Counter increment(Counter c, String kind) {
      Counter counter = c != null ? c : counter("timbot.handler.errors", "plugin", plugin, "handler", handler, "kind", kind);
      counter.increment();
      return counter;
    }
  }

  public void send(boolean group, boolean ok) {
    int i = (group ? 2 : 0) + (ok ? 1 : 0);
    Counter c = sends[i];
    if (c == null) {
      c = counter("timbot.sends", "type", group ? "group" : "c2c", "outcome", ok ? "ok" : "error");
      sends[i] = c;
    }
    c.increment();
  }

  /** An {@link ImClientListener} recording REST metrics and forwarding reachability changes. */
  public ImClientListener imListener(Consumer<NetState> netState) {
    return new ImClientListener() {
      @Override
      public void onNetStateChange(NetState state) {
        netState.accept(state);
      }

      @Override
      public void onCallEnd(String api, Duration latency, int errorCode) {
        Timer.builder("timbot.im.calls").tags(base).tags("api", api, "code", Integer.toString(errorCode))
            .register(registry).record(latency);
      }

      @Override
      public void onRetry(String api, int attempt, int errorCode) {
        counter("timbot.im.retries", "api", api).increment();
      }

      @Override
      public void onRateLimitWait(String api, Duration waited) {
        Timer.builder("timbot.im.ratelimit.waits").tags(base).tags("api", api).register(registry).record(waited);
      }
    };
  }

  /** The outbox's reports as metrics and {@code SEND_FAILED} errors. */
  public dev.timbot.internal.outbox.SendListener sendListener(EventBus events) {
    return new dev.timbot.internal.outbox.SendListener() {
      @Override
      public void finished(boolean group, boolean ok) {
        send(group, ok);
      }

      @Override
      public void failed(int code, String description, Throwable cause) {
        events.error(dev.timbot.BotEvent.BotError.Kind.SEND_FAILED, code, description, cause, null, "outbox");
      }

      @Override
      public void deadLetter() {
        BotMetrics.this.deadLetter();
      }
    };
  }

  /** A send became a dead letter (rejected, or out of retries). */
  public void deadLetter() {
    counter("timbot.outbox.dead").increment();
  }

  /** A callback refused because the journal's backlog reached {@code store.maxBacklog}. */
  public void backlogFull() {
    counter("timbot.inbox.refused", "reason", "backlog_full").increment();
  }

  /** The journal's backlog (journaled callbacks not yet handled). */
  public void journalBacklog(Supplier<Number> backlog) {
    Gauge.builder("timbot.inbox.backlog", backlog).tags(base).description("journaled callbacks not yet handled")
        .register(registry);
  }
}
