package dev.timbot.internal.runtime;

import dev.timbot.internal.dispatch.DispatchPlan;
import dev.timbot.internal.dispatch.HandlerDef;
import dev.timbot.internal.dispatch.HandlerRegistry;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.internal.dispatch.Match;
import dev.timbot.internal.dispatch.MatchInput;

import dev.timbot.spi.BotClock;
import dev.timbot.BotEvent.BotError;
import dev.timbot.MatchTrace;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.message.Message;
import dev.timbot.Context;
import dev.timbot.Interceptor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Handles one message inside its conversation's lane: a pending {@code ask} takes it first;
 * otherwise the inbound interceptors run, then every handler is matched in priority order and the
 * matching ones are invoked, each isolated (an exception is reported, not propagated) and under
 * its timeout (the lane moves on when it passes). The outcome is a {@link MatchTrace}.
 */
public final class MessageDispatcher {
  private final Services services;
  private final HandlerRegistry registry;
  private final EventBus events;
  private final BotMetrics metrics;
  private final BotClock clock;
  private final Duration defaultTimeout;
  private final Watchdog watchdog;
  private final DispatchPlan plan;
  private final BotMetrics.HandlerMeters[] meters;

  public MessageDispatcher(
      Services services, EventBus events, BotMetrics metrics, Duration defaultTimeout) {
    this.services = services;
    this.registry = services.registry();
    this.events = events;
    this.metrics = metrics;
    this.clock = services.clock();
    this.defaultTimeout = defaultTimeout;
    this.watchdog = new Watchdog(clock);
    // The registry is frozen before the dispatcher is built: compile its table once.
    this.plan = new DispatchPlan(registry.handlers(), services.commandPrefixes());
    this.meters = new BotMetrics.HandlerMeters[plan.handlers().size()];
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
      String problem = scopeProblem(h, message, routing);
      trace.add(i, h, problem == null ? Verdict.SKIPPED : scopeVerdict(h, message, routing),
          problem == null ? reason : problem);
    }
    MatchTrace t = trace.build(null, null);
    if (t != null) {
      events.trace(t);
    }
  }

  /** A lane job running {@code task} isolated and under the default timeout (ask timeouts). */
  public LaneExecutor.Job task(String source, Runnable task) {
    return done -> {
      Guard g = new Guard();
      Outcome o = g.run(defaultTimeout, task::run, () -> {
        events.error(BotError.Kind.HANDLER_TIMEOUT, 0, source + " ran past " + defaultTimeout, null, null, source);
        done.complete(null);
      });
      if (o.error != null) {
        events.error(BotError.Kind.HANDLER_FAILED, 0, source + " threw " + o.error, o.error, null, source);
      }
      done.complete(null);
    };
  }

  private void dispatch(Message message, Routing routing, CompletableFuture<Void> done) {
    List<HandlerDef> handlers = plan.handlers();
    TraceBuilder trace = new TraceBuilder(message, routing, handlers, events.tracing());
    ContextImpl base = new ContextImpl(services, message, ContextImpl.matchText(message), null);
    try {
      if (routing != Routing.OBSERVED && services.asks().size() == 0) {
        // No continuation can run, so no watchdog entry; still told, so that an ask recorded
        // by a previous process is settled by this answer.
        services.asks().tryAnswer(message, m -> base);
      } else if (routing != Routing.OBSERVED) {
        boolean[] answered = {false};
        Outcome o = new Guard().run(defaultTimeout,
            () -> answered[0] = services.asks().tryAnswer(message, m -> base), () -> {
              events.error(BotError.Kind.HANDLER_TIMEOUT, 0, "an ask continuation ran past " + defaultTimeout,
                  null, message, "ask");
              finish(trace, done, Verdict.SKIPPED, "");
            });
        if (o.error != null) {
          events.error(BotError.Kind.HANDLER_FAILED, 0, "an ask continuation threw " + o.error, o.error, message, "ask");
        }
        if (o.timedOut) {
          return; // the watchdog finished the trace and moved the lane on
        }
        if (answered[0]) {
          trace.consumedBy("ask");
          finish(trace, done, Verdict.SKIPPED, "");
          return;
        }
      }
      List<Interceptor<Context, Void>> interceptors = registry.interceptors();
      InboundChain chain = new InboundChain(interceptors, 0, base, trace, done, routing);
      try {
        chain.proceed(base);
      } catch (Exception | AssertionError e) {
        String name = interceptors.get(chain.entered[0]).name();
        if (!chain.reached[0]) {
          trace.mutedBy(name + " (threw " + e.getClass().getSimpleName() + ")");
        }
        events.error(BotError.Kind.INTERCEPTOR_FAILED, 0, "interceptor " + name + " threw " + e, e, message, name);
      }
      if (chain.timedOut[0]) {
        return; // the watchdog recorded the timeout, finished the trace and moved the lane on
      }
      if (!chain.reached[0] && interceptors.size() > 0) {
        String name = interceptors.get(chain.entered[0]).name();
        trace.mutedBy(name);
        finish(trace, done, Verdict.MUTED, "muted by interceptor " + name);
        return;
      }
      finish(trace, done, Verdict.SKIPPED, "");
    } catch (RuntimeException e) {
      finish(trace, done, Verdict.SKIPPED, "dispatch failed: " + e);
      throw e;
    }
  }

  private void finish(TraceBuilder trace, CompletableFuture<Void> done, Verdict rest, String detail) {
    MatchTrace t = trace.build(rest, detail);
    if (t != null) {
      events.trace(t);
    }
    done.complete(null);
  }

  private final class InboundChain implements Interceptor.Chain<Context, Void> {
    private final List<Interceptor<Context, Void>> interceptors;
    private final int index;
    private final ContextImpl ctx;
    private final TraceBuilder trace;
    private final CompletableFuture<Void> done;
    private final Routing routing;
    final int[] entered;
    final boolean[] reached;
    final boolean[] timedOut;
    /** The guard of the interceptor that will call this chain's proceed(), or null for the first. */
    private final Guard caller;

    InboundChain(List<Interceptor<Context, Void>> interceptors, int index, ContextImpl ctx, TraceBuilder trace,
        CompletableFuture<Void> done, Routing routing) {
      this(interceptors, index, ctx, trace, done, routing, new int[] {0}, new boolean[] {false},
          new boolean[] {false}, null);
    }

    private InboundChain(List<Interceptor<Context, Void>> interceptors, int index, ContextImpl ctx, TraceBuilder trace,
        CompletableFuture<Void> done, Routing routing, int[] entered, boolean[] reached, boolean[] timedOut,
        Guard caller) {
      this.timedOut = timedOut;
      this.caller = caller;
      this.routing = routing;
      this.interceptors = interceptors;
      this.index = index;
      this.ctx = ctx;
      this.trace = trace;
      this.done = done;
      this.entered = entered;
      this.reached = reached;
    }

    @Override
    public Context input() {
      return ctx;
    }

    @Override
    public Void proceed(Context input) throws Exception {
      if (input != ctx) {
        throw new IllegalArgumentException("an inbound interceptor must proceed with chain.input()");
      }
      // The calling interceptor's own code is done (up to here): stop its watchdog. If the
      // watchdog already fired, the lane has moved on and nothing more may run.
      if (caller != null && !caller.disarm()) {
        return null;
      }
      if (index >= interceptors.size()) {
        if (!reached[0]) {
          reached[0] = true;
          timedOut[0] = !runHandlers(ctx, routing, trace, done);
        }
        return null;
      }
      entered[0] = index;
      Interceptor<Context, Void> interceptor = interceptors.get(index);
      Guard guard = new Guard();
      InboundChain next =
          new InboundChain(interceptors, index + 1, ctx, trace, done, routing, entered, reached, timedOut, guard);
      Outcome o = guard.run(defaultTimeout, () -> interceptor.intercept(next), () -> {
        String name = interceptor.name();
        trace.mutedBy(name + " (timed out)");
        events.error(BotError.Kind.HANDLER_TIMEOUT, 0, "interceptor " + name + " ran past " + defaultTimeout
            + " before calling proceed(); the conversation's lane moved on", null, ctx.message(), name);
        finish(trace, done, Verdict.MUTED, "interceptor " + name + " timed out");
      });
      if (o.timedOut) {
        timedOut[0] = true;
        return null;
      }
      if (o.error instanceof Exception e) {
        throw e;
      }
      if (o.error instanceof Error e) {
        throw e;
      }
      return null;
    }
  }

  /** Matches and runs the handlers; false when one timed out (the watchdog took over). */
  private boolean runHandlers(ContextImpl base, Routing routing, TraceBuilder trace, CompletableFuture<Void> done) {
    Message message = base.message();
    DispatchPlan.Facts facts = plan.facts(message, base.text());
    Map<Class<?>, Object> decoded = Map.of();
    Map<Class<?>, String> notes = Map.of();
    if (DispatchPlan.hasCustom(facts) && !registry.decoders().isEmpty()) {
      decoded = new HashMap<>();
      notes = new HashMap<>();
      registry.decode(message, decoded, notes);
    }
    MatchInput in = new MatchInput(message, base.text(), services.commandPrefixes(), decoded, notes);
    // Recording a trace asks every matcher for its own verdict and detail; otherwise the plan rules
    // most handlers out from facts computed once, and only the rest run their matcher.
    boolean recording = trace.recording();
    List<HandlerDef> handlers = plan.handlers();
    HandlerDef blocker = null;
    for (int i = 0; i < handlers.size(); i++) {
      HandlerDef h = handlers.get(i);
      String scopeProblem = scopeProblem(h, message, routing);
      if (scopeProblem != null) {
        if (recording) {
          trace.add(i, h, scopeVerdict(h, message, routing), scopeProblem);
        }
        continue;
      }
      // Checked before matching: a blocked handler's matcher must not run (predicates may have
      // side effects, such as a FAQ lookup that logs unanswered questions).
      if (blocker != null) {
        if (recording) {
          trace.add(i, h, Verdict.BLOCKED, "blocked by " + blocker.name() + " (priority " + blocker.priority() + ")");
        }
        continue;
      }
      Match m;
      if (recording) {
        m = h.matcher().match(in);
      } else {
        int verdict = plan.check(i, facts);
        if (verdict == DispatchPlan.NO) {
          continue;
        }
        m = verdict == DispatchPlan.YES ? Match.YES : h.matcher().match(in);
      }
      if (!m.matched()) {
        if (recording) {
          trace.add(i, h, m.verdict(), m.detail());
        }
        continue;
      }
      if (!invoke(i, h, base.withMatch(m), m, trace, done)) {
        return false; // timed out: the watchdog already moved the lane on
      }
      if (h.blocks()) {
        blocker = h; // everything after it is skipped, equal priorities included
      }
    }
    return true;
  }

  private static String scopeProblem(HandlerDef h, Message m, Routing routing) {
    boolean group = m.conversation().isGroup();
    if (h.scope() == HandlerDef.Scope.C2C && group) {
      return "C2C-only handler, group message";
    }
    if (h.scope() == HandlerDef.Scope.GROUP && !group) {
      return "group-only handler, C2C message";
    }
    if (routing == Routing.OBSERVED && !h.isObserver()) {
      return "message between other accounts; the handler is not an observer";
    }
    if (routing == Routing.GROUP_UNMENTIONED && !h.wantsAllGroupMessages()) {
      return "group message without an @-mention of the bot; the handler did not opt in";
    }
    return null;
  }

  private static Verdict scopeVerdict(HandlerDef h, Message m, Routing routing) {
    boolean group = m.conversation().isGroup();
    if ((h.scope() == HandlerDef.Scope.C2C && group) || (h.scope() == HandlerDef.Scope.GROUP && !group)) {
      return Verdict.WRONG_CONVERSATION;
    }
    return routing == Routing.OBSERVED ? Verdict.NOT_ADDRESSED : Verdict.NOT_MENTIONED;
  }

  /** Runs one handler; false when it timed out (the lane already moved on). */
  private boolean invoke(
      int position, HandlerDef h, ContextImpl ctx, Match m, TraceBuilder trace, CompletableFuture<Void> done) {
    Duration timeout = h.timeout() != null ? h.timeout() : defaultTimeout;
    long start = clock.nanoTime();
    Outcome o = new Guard().run(timeout, () -> h.invoker().invoke(ctx, m), () -> {
      trace.add(position, h, Verdict.TIMED_OUT, "ran past " + timeout);
      meters(position, h).timeout();
      events.error(BotError.Kind.HANDLER_TIMEOUT, 0,
          "handler " + h.name() + " ran past its timeout of " + timeout + "; the conversation's lane moved on",
          null, ctx.message(), h.name());
      finish(trace, done, Verdict.SKIPPED, "the lane moved on after " + h.name() + " timed out");
    });
    if (o.timedOut) {
      return false;
    }
    BotMetrics.HandlerMeters hm = meters(position, h);
    hm.latency(Math.max(0, clock.nanoTime() - start));
    if (o.error != null) {
      trace.add(position, h, Verdict.FAILED, o.error.toString());
      hm.exception();
      events.error(BotError.Kind.HANDLER_FAILED, 0, "handler " + h.name() + " threw " + o.error, o.error,
          ctx.message(), h.name());
    } else {
      trace.add(position, h, Verdict.HANDLED, "");
    }
    return true;
  }

  /** The handler's meters, resolved on its first call and kept (a lookup per call allocates). */
  private BotMetrics.HandlerMeters meters(int position, HandlerDef h) {
    BotMetrics.HandlerMeters hm = meters[position];
    if (hm == null) {
      hm = metrics.handlerMeters(h.plugin(), h.name());
      meters[position] = hm; // a benign race: two lanes may both resolve the same meters
    }
    return hm;
  }

  /** The result of a guarded call. */
  private static final class Outcome {
    Throwable error;
    boolean timedOut;
  }

  @FunctionalInterface
  private interface Body {
    void run() throws Exception;
  }

  /**
   * Runs a body on the current thread under the bot's {@link Watchdog}. If its deadline passes
   * first, {@code onTimeout} runs (on the timer thread) and the current thread is interrupted;
   * the state lock makes sure the interrupt lands only while the body is still running.
   */
  private final class Guard implements Watchdog.Deadline {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;
    private final Thread thread = Thread.currentThread();
    private int state = RUNNING;
    private Runnable onTimeout;

    /** Stops the watchdog early; false when it already fired. */
    boolean disarm() {
      synchronized (this) {
        if (state == TIMED_OUT) {
          return false;
        }
        if (state != RUNNING) {
          return true;
        }
        state = DONE;
      }
      watchdog.disarm(this);
      return true;
    }

    @Override
    public void expire() {
      synchronized (this) {
        if (state != RUNNING) {
          return;
        }
        state = TIMED_OUT;
        thread.interrupt();
      }
      onTimeout.run();
    }

    private synchronized boolean complete() {
      if (state == TIMED_OUT) {
        return false;
      }
      state = DONE;
      return true;
    }

    Outcome run(Duration timeout, Body body, Runnable onTimeout) {
      Outcome o = new Outcome();
      this.onTimeout = onTimeout;
      watchdog.arm(this, timeout);
      try {
        body.run();
      } catch (Exception | AssertionError | LinkageError | StackOverflowError e) {
        o.error = e;
      } finally {
        watchdog.disarm(this);
      }
      if (!complete()) {
        Thread.interrupted(); // clear the watchdog's interrupt before the thread is reused
        o.timedOut = true;
      }
      return o;
    }
  }
}
