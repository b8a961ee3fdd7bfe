package dev.timbot.internal.runtime;

import dev.timbot.BotEvent.BotError;
import dev.timbot.Context;
import dev.timbot.Interceptor;
import dev.timbot.MatchTrace;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.internal.dispatch.DispatchPlan;
import dev.timbot.internal.dispatch.HandlerDef;
import dev.timbot.internal.dispatch.HandlerRegistry;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Handles one message inside its conversation's lane: a pending {@code ask} takes it first;
 * otherwise the inbound interceptors run ({@link InboundChain}), then the handlers are matched and
 * invoked ({@link HandlerRunner}), each call isolated and under its timeout ({@link Guard}: the lane
 * moves on when it passes). The outcome is a {@link MatchTrace}.
 */
public final class MessageDispatcher {
  private final Services services;
  private final HandlerRegistry registry;
  private final EventBus events;
  private final Duration defaultTimeout;
  private final Watchdog watchdog;
  private final DispatchPlan plan;
  private final HandlerRunner handlers;

  public MessageDispatcher(
      Services services, EventBus events, BotMetrics metrics, Duration defaultTimeout) {
    this.services = services;
    this.registry = services.registry();
    this.events = events;
    this.defaultTimeout = defaultTimeout;
    this.watchdog = new Watchdog(services.clock());
    // The registry is frozen before the dispatcher is built: compile its table once.
    this.plan = new DispatchPlan(registry.handlers(), services.commandPrefixes());
    this.handlers = new HandlerRunner(plan, registry.decoders(), services.commandPrefixes(), events, metrics,
        services.clock(), defaultTimeout, watchdog);
  }

  /** Timers armed or cancelled for handler deadlines so far (tests and benchmarks count them). */
  public long timerOperations() {
    return watchdog.timerOperations();
  }

  /** The lane job that dispatches {@code message}. */
  public LaneExecutor.Job job(Message message, Routing routing) {
    return done -> dispatch(message, routing, done);
  }

  /**
   * Traces a message that is not dispatched: a duplicate (no handler entries), or one no handler
   * is addressed by (each handler says why).
   */
  public void traceIgnored(Message message, Routing routing, String reason, boolean duplicate) {
    if (!events.tracing()) {
      return;
    }
    List<HandlerDef> handlers = duplicate ? List.of() : registry.handlers();
    TraceBuilder trace = new TraceBuilder(message, routing, handlers, true);
    trace.ignored(reason);
    for (int i = 0; i < handlers.size(); i++) {
      HandlerDef h = handlers.get(i);
      String problem = HandlerAddressing.problem(h, message, routing);
      trace.add(i, h, HandlerAddressing.verdict(h, message, routing), problem == null ? reason : problem);
    }
    MatchTrace t = trace.build(null, null);
    if (t != null) {
      events.trace(t);
    }
  }

  /** A lane job running {@code task} isolated and under the default timeout (ask timeouts). */
  public LaneExecutor.Job task(String source, Runnable task) {
    return done -> {
      isolated(source, source, null, task::run, () -> done.complete(null));
      done.complete(null);
    };
  }

  /**
   * Runs {@code body} under the default timeout, reporting an exception or a timeout as the bot's
   * error ({@code what} ran past / threw, from {@code source}); {@code afterTimeout} runs once the
   * timeout is reported (on the timer thread) to move the lane on.
   */
  private Guard.Outcome isolated(String what, String source, Message message, Guard.Body body, Runnable afterTimeout) {
    Guard.Outcome o = new Guard(watchdog).run(defaultTimeout, body, () -> {
      events.error(BotError.Kind.HANDLER_TIMEOUT, 0, what + " ran past " + defaultTimeout, null, message, source);
      afterTimeout.run();
    });
    if (o.error != null) {
      events.error(BotError.Kind.HANDLER_FAILED, 0, what + " threw " + o.error, o.error, message, source);
    }
    return o;
  }

  private void dispatch(Message message, Routing routing, CompletableFuture<Void> done) {
    TraceBuilder trace = new TraceBuilder(message, routing, plan.handlers(), events.tracing());
    ContextImpl base = new ContextImpl(services, message, ContextImpl.matchText(message), null);
    try {
      if (routing != Routing.OBSERVED && services.asks().size() == 0) {
        // No continuation can run, so no watchdog entry; still told, so that an ask recorded
        // by a previous process is settled by this answer.
        services.asks().tryAnswer(message, m -> base);
      } else if (routing != Routing.OBSERVED) {
        boolean[] answered = {false};
        Guard.Outcome o = isolated("an ask continuation", "ask", message,
            () -> answered[0] = services.asks().tryAnswer(message, m -> base),
            () -> finish(events, trace, done, Verdict.SKIPPED, ""));
        if (o.timedOut) {
          return; // the watchdog finished the trace and moved the lane on
        }
        if (answered[0]) {
          trace.consumedBy("ask");
          finish(events, trace, done, Verdict.SKIPPED, "");
          return;
        }
      }
      List<Interceptor<Context, Void>> interceptors = registry.interceptors();
      InboundChain.Run run = new InboundChain.Run(interceptors, base, routing, trace, done, handlers, events,
          defaultTimeout, watchdog);
      try {
        run.start().proceed(base);
      } catch (Exception | AssertionError e) {
        String name = interceptors.get(run.entered).name();
        if (!run.reached) {
          trace.mutedBy(name + " (threw " + e.getClass().getSimpleName() + ")");
        }
        events.error(BotError.Kind.INTERCEPTOR_FAILED, 0, "interceptor " + name + " threw " + e, e, message, name);
      }
      if (run.timedOut) {
        return; // the watchdog recorded the timeout, finished the trace and moved the lane on
      }
      if (!run.reached && interceptors.size() > 0) {
        String name = interceptors.get(run.entered).name();
        trace.mutedBy(name);
        finish(events, trace, done, Verdict.MUTED, "muted by interceptor " + name);
        return;
      }
      finish(events, trace, done, Verdict.SKIPPED, "");
    } catch (RuntimeException e) {
      finish(events, trace, done, Verdict.SKIPPED, "dispatch failed: " + e);
      throw e;
    }
  }

  /**
   * Ends a message's dispatch: its trace is built once (the lane thread or a timeout, whichever
   * comes first; later calls find it finished) and published, and the lane moves on.
   */
  static void finish(EventBus events, TraceBuilder trace, CompletableFuture<Void> done, Verdict rest, String detail) {
    MatchTrace t = trace.build(rest, detail);
    if (t != null) {
      events.trace(t);
    }
    done.complete(null);
  }
}
