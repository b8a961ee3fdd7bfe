package dev.timbot.internal.runtime;

import dev.timbot.internal.rest.ImClientListener;
import dev.timbot.BotEvent.NetState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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
    counter("timbot.inbox.callbacks", "command", command == null ? "" : command).increment();
  }

  public void messageReceived(boolean group, String routing) {
    counter("timbot.messages.received", "type", group ? "group" : "c2c", "routing", routing).increment();
  }

  public void duplicate() {
    counter("timbot.messages.duplicates").increment();
  }

  public void ignored(String reason) {
    counter("timbot.messages.ignored", "reason", reason).increment();
  }

  public void rejected() {
    counter("timbot.messages.rejected").increment();
  }

  public void handlerLatency(String plugin, String handler, Duration latency) {
    Timer.builder("timbot.handler.latency").tags(base).tags("plugin", plugin, "handler", handler)
        .register(registry).record(latency);
  }

  public void handlerError(String plugin, String handler, String kind) {
    counter("timbot.handler.errors", "plugin", plugin, "handler", handler, "kind", kind).increment();
  }

  public void send(boolean group, boolean ok) {
    counter("timbot.sends", "type", group ? "group" : "c2c", "outcome", ok ? "ok" : "error").increment();
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
}
