package dev.timbot.internal.session;

import dev.timbot.Context.AskTimeoutException;
import dev.timbot.spi.BotClock;
import dev.timbot.Context;
import dev.timbot.message.Message;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Pending {@code ctx.ask(...)} questions, one per (conversation, user). The user's next message in
 * that conversation answers it instead of reaching handlers. Timeouts run on the bot's clock and
 * are delivered through {@code inLane} so that they, too, run in the conversation's lane. Each
 * pending question is also recorded in the store ({@link PendingAsks}), so its timeout is noticed
 * after a restart too.
 */
public final class AskRegistry {
  private final BotClock clock;
  private final BiConsumer<String, Runnable> inLane;
  private final PendingAsks pending;
  private final ConcurrentHashMap<String, Waiter> waiters = new ConcurrentHashMap<>();

  /**
   * @param inLane runs a task in the lane of a conversation ID
   * @param pending where pending questions are recorded
   */
  public AskRegistry(BotClock clock, BiConsumer<String, Runnable> inLane, PendingAsks pending) {
    this.clock = clock;
    this.inLane = inLane;
    this.pending = pending;
    pending.waitingHere(waiters::containsKey);
  }

  private static String key(String conversationId, String user) {
    return PendingAsks.key(conversationId, user);
  }

  /** Registers a question asked in {@code ctx}; the answer must come from {@code ctx.sender()}. */
  public CompletableFuture<Context> await(Context ctx, String prompt, Duration timeout, Consumer<Context> onTimeout) {
    String conv = ctx.conversation().conversationId();
    String user = ctx.sender();
    String key = key(conv, user);
    Waiter waiter = new Waiter(new CompletableFuture<>());
    Waiter previous = waiters.put(key, waiter);
    if (previous != null) {
      previous.cancelTimer();
      previous.future.completeExceptionally(new CancellationException("replaced by a newer ask"));
    }
    pending.pending(conv, user, prompt, clock.now().plus(timeout));
    waiter.timer =
        clock.schedule(
            timeout,
            () ->
                inLane.accept(
                    conv,
                    () -> {
                      if (waiters.remove(key, waiter)) {
                        pending.resolved(conv, user);
                        waiter.future.completeExceptionally(
                            new AskTimeoutException(ctx.conversation(), ctx.sender(), timeout));
                        if (onTimeout != null) {
                          onTimeout.accept(ctx);
                        }
                      }
                    }));
    return waiter.future;
  }

  /** True when {@code user} owes an answer in {@code conversationId}. */
  public boolean isWaiting(String conversationId, String user) {
    return waiters.containsKey(key(conversationId, user));
  }

  /**
   * Hands {@code message} to the question waiting for it, if any; dependent stages run now, on
   * the caller's (lane) thread.
   */
  public boolean tryAnswer(Message message, Function<Message, Context> contextFor) {
    String conv = message.conversation().conversationId();
    Waiter waiter = waiters.remove(key(conv, message.from()));
    if (waiter == null) {
      pending.answeredWithoutContinuation(conv, message.from());
      return false;
    }
    waiter.cancelTimer();
    pending.resolved(conv, message.from());
    waiter.future.complete(contextFor.apply(message));
    return true;
  }

  /** The store's record of pending asks, which runs their durable timers. */
  public PendingAsks pendingAsks() {
    return pending;
  }

  public int size() {
    return waiters.size();
  }

  private static final class Waiter {
    final CompletableFuture<Context> future;
    volatile BotClock.Timer timer;

    Waiter(CompletableFuture<Context> future) {
      this.future = future;
    }

    void cancelTimer() {
      BotClock.Timer t = timer;
      if (t != null) {
        t.cancel();
      }
    }
  }
}
