package dev.timbot.internal.runtime;

import dev.timbot.BotEvent.BotError;
import dev.timbot.Context;
import dev.timbot.Interceptor;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The inbound interceptors of one message as a chain: each interceptor runs under the default
 * timeout until it calls {@code proceed()}, and the end of the chain runs the handlers ({@link
 * HandlerRunner}). One link per interceptor; what the links share about the message lives in its
 * {@link Run}.
 */
final class InboundChain implements Interceptor.Chain<Context, Void> {
  /** One message's pass through the chain: what every link needs, and how far it got. */
  static final class Run {
    private final List<Interceptor<Context, Void>> interceptors;
    private final ContextImpl ctx;
    private final Routing routing;
    private final TraceBuilder trace;
    private final CompletableFuture<Void> done;
    private final HandlerRunner handlers;
    private final EventBus events;
    private final Duration timeout;
    private final Watchdog watchdog;
    /** The index of the last interceptor entered. */
    int entered;
    /** Whether the end of the chain (the handlers) was reached. */
    boolean reached;
    /** Whether an interceptor or handler timed out: the watchdog finished the trace, the lane moved on. */
    boolean timedOut;

    Run(List<Interceptor<Context, Void>> interceptors, ContextImpl ctx, Routing routing, TraceBuilder trace,
        CompletableFuture<Void> done, HandlerRunner handlers, EventBus events, Duration timeout, Watchdog watchdog) {
      this.interceptors = interceptors;
      this.ctx = ctx;
      this.routing = routing;
      this.trace = trace;
      this.done = done;
      this.handlers = handlers;
      this.events = events;
      this.timeout = timeout;
      this.watchdog = watchdog;
    }

    /** The chain's first link. */
    InboundChain start() {
      return new InboundChain(this, 0, null);
    }
  }

  private final Run run;
  private final int index;
  /** The guard of the interceptor that will call this link's proceed(), or null for the first. */
  private final Guard caller;

  private InboundChain(Run run, int index, Guard caller) {
    this.run = run;
    this.index = index;
    this.caller = caller;
  }

  @Override
  public Context input() {
    return run.ctx;
  }

  @Override
  public Void proceed(Context input) throws Exception {
    if (input != run.ctx) {
      throw new IllegalArgumentException("an inbound interceptor must proceed with chain.input()");
    }
    // The calling interceptor's own code is done (up to here): stop its watchdog. If the
    // watchdog already fired, the lane has moved on and nothing more may run.
    if (caller != null && !caller.disarm()) {
      return null;
    }
    if (index >= run.interceptors.size()) {
      if (!run.reached) {
        run.reached = true;
        run.timedOut = !run.handlers.run(run.ctx, run.routing, run.trace, run.done);
      }
      return null;
    }
    run.entered = index;
    Interceptor<Context, Void> interceptor = run.interceptors.get(index);
    Guard guard = new Guard(run.watchdog);
    InboundChain next = new InboundChain(run, index + 1, guard);
    Guard.Outcome o = guard.run(run.timeout, () -> interceptor.intercept(next), () -> {
      String name = interceptor.name();
      run.trace.mutedBy(name + " (timed out)");
      run.events.error(BotError.Kind.HANDLER_TIMEOUT, 0, "interceptor " + name + " ran past " + run.timeout
          + " before calling proceed(); the conversation's lane moved on", null, run.ctx.message(), name);
      MessageDispatcher.finish(run.events, run.trace, run.done, Verdict.MUTED, "interceptor " + name + " timed out");
    });
    if (o.timedOut) {
      run.timedOut = true;
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
