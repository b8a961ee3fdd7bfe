package dev.timbot.internal.runtime;

import dev.timbot.BotEvent.BotError;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.internal.dispatch.CustomDecoders;
import dev.timbot.internal.dispatch.DispatchPlan;
import dev.timbot.internal.dispatch.HandlerDef;
import dev.timbot.internal.dispatch.Match;
import dev.timbot.internal.dispatch.MatchInput;
import dev.timbot.message.Message;
import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The last step of a message's dispatch, once the interceptors let it through: every handler of
 * the compiled {@link DispatchPlan} is matched in priority order and the matching ones are invoked,
 * each isolated (an exception is reported, not propagated), under its timeout and metered; a
 * blocking handler ends the pass. Each handler's outcome goes to the message's trace.
 */
final class HandlerRunner {
  private final DispatchPlan plan;
  private final CustomDecoders decoders;
  private final List<String> commandPrefixes;
  private final EventBus events;
  private final BotMetrics metrics;
  private final BotClock clock;
  private final Duration defaultTimeout;
  private final Watchdog watchdog;
  private final BotMetrics.HandlerMeters[] meters;

  HandlerRunner(DispatchPlan plan, CustomDecoders decoders, List<String> commandPrefixes, EventBus events,
      BotMetrics metrics, BotClock clock, Duration defaultTimeout, Watchdog watchdog) {
    this.plan = plan;
    this.decoders = decoders;
    this.commandPrefixes = commandPrefixes;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.defaultTimeout = defaultTimeout;
    this.watchdog = watchdog;
    this.meters = new BotMetrics.HandlerMeters[plan.handlers().size()];
  }

  /** Matches and runs the handlers; false when one timed out (the watchdog took over). */
  boolean run(ContextImpl base, Routing routing, TraceBuilder trace, CompletableFuture<Void> done) {
    Message message = base.message();
    DispatchPlan.Facts facts = plan.facts(message, base.text());
    Map<Class<?>, Object> decoded = Map.of();
    Map<Class<?>, String> notes = Map.of();
    if (DispatchPlan.hasCustom(facts) && !decoders.isEmpty()) {
      decoded = new HashMap<>();
      notes = new HashMap<>();
      decoders.decode(message, decoded, notes);
    }
    MatchInput in = new MatchInput(message, base.text(), commandPrefixes, decoded, notes);
    // Recording a trace asks every matcher for its own verdict and detail; otherwise the plan rules
    // most handlers out from facts computed once, and only the rest run their matcher.
    boolean recording = trace.recording();
    List<HandlerDef> handlers = plan.handlers();
    HandlerDef blocker = null;
    for (int i = 0; i < handlers.size(); i++) {
      HandlerDef h = handlers.get(i);
      String scopeProblem = HandlerAddressing.problem(h, message, routing);
      if (scopeProblem != null) {
        if (recording) {
          trace.add(i, h, HandlerAddressing.verdict(h, message, routing), scopeProblem);
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

  /** Runs one handler; false when it timed out (the lane already moved on). */
  private boolean invoke(
      int position, HandlerDef h, ContextImpl ctx, Match m, TraceBuilder trace, CompletableFuture<Void> done) {
    Duration timeout = h.timeout() != null ? h.timeout() : defaultTimeout;
    long start = clock.nanoTime();
    Guard.Outcome o = new Guard(watchdog).run(timeout, () -> h.invoker().invoke(ctx, m), () -> {
      trace.add(position, h, Verdict.TIMED_OUT, "ran past " + timeout);
      meters(position, h).timeout();
      events.error(BotError.Kind.HANDLER_TIMEOUT, 0,
          "handler " + h.name() + " ran past its timeout of " + timeout + "; the conversation's lane moved on",
          null, ctx.message(), h.name());
      MessageDispatcher.finish(events, trace, done, Verdict.SKIPPED,
          "the lane moved on after " + h.name() + " timed out");
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
}
