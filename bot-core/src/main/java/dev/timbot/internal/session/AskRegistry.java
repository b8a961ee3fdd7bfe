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
 * are delivered through {@code inLane} so that they, too, run in the conversation's lane.
 */
public final class AskRegistry {
  private final BotClock clock;
  private final BiConsumer<String, Runnable> inLane;
  private final ConcurrentHashMap<String, Waiter> waiters = new ConcurrentHashMap<>();

  /** @param inLane runs a task in the lane of a conversation ID */
  public AskRegistry(BotClock clock, BiConsumer<String, Runnable> inLane) {
    this.clock = clock;
    this.inLane = inLane;
  }

  private static String key(String conversationId, String user) {
    return conversationId + "\u0000" + user;
  }

  /** Registers a question asked in {@code ctx}; the answer must come from {@code ctx.sender()}. */
  public CompletableFuture<Context> await(Context ctx, Duration timeout, Consumer<Context> onTimeout) {
    String conv = ctx.conversation().conversationId();
    String key = key(conv, ctx.sender());
    Waiter waiter = new Waiter(new CompletableFuture<>());
    Waiter previous = waiters.put(key, waiter);
    if (previous != null) {
      previous.cancelTimer();
      previous.future.completeExceptionally(new CancellationException("replaced by a newer ask"));
    }
    waiter.timer =
        clock.schedule(
            timeout,
            () ->
                inLane.accept(
                    conv,
                    () -> {
                      if (waiters.remove(key, waiter)) {
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
    Waiter waiter = waiters.remove(key(message.conversation().conversationId(), message.from()));
    if (waiter == null) {
      return false;
    }
    waiter.cancelTimer();
    waiter.future.complete(contextFor.apply(message));
    return true;
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
