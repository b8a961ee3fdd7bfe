package dev.timbot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One cross-cutting step around the bot's work, in OkHttp's shape: look at {@code chain.input()},
 * then return {@code chain.proceed(input)} (possibly with a changed input, possibly looking at
 * the result), or return without proceeding to stop there. Interceptors run in registration order.
 *
 * <ul>
 *   <li>Inbound ({@code Interceptor<Context, Void>}, {@link Handlers#intercept}): every message
 *       before handler matching. Not proceeding mutes the message (the match trace says which
 *       interceptor did). Proceed with {@code chain.input()}: the message itself cannot be
 *       replaced. Runs in the conversation's lane under {@code dispatch.handlerTimeout} until it
 *       proceeds; past it the message is muted, an {@code ERROR} is reported and the lane moves on.
 *   <li>Outbound ({@code Interceptor<Outgoing, CompletableFuture<SentMessage>>}, {@link
 *       Handlers#interceptOutbound}): every send as the bot, however it was made, before the
 *       outbox. Rewrite it ({@code chain.proceed(out.withElements(...))}), observe the result, or
 *       refuse it by returning a failed future.
 * </ul>
 *
 * @param <I> what the step sees and passes on
 * @param <O> what the rest of the chain answers
 */
@FunctionalInterface
public interface Interceptor<I, O> {
  O intercept(Chain<I, O> chain) throws Exception;

  /** A name for traces and logs; the class name by default. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** The rest of the chain after this interceptor. */
  interface Chain<I, O> {
    I input();

    /** Runs the next interceptors and then the work itself (handlers, or the send). */
    O proceed(I input) throws Exception;
  }

  // --- standard inbound interceptors ------------------------------------------------------------

  /** Gives an interceptor a name for traces. */
  static <I, O> Interceptor<I, O> named(String name, Interceptor<I, O> delegate) {
    return new Interceptor<>() {
      @Override
      public O intercept(Chain<I, O> chain) throws Exception {
        return delegate.intercept(chain);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  /**
   * Per-user cooldown: after a user's message is let through, their next messages within {@code
   * period} (on the bot's clock) are muted; {@code onCooldown} may tell them (or be null).
   */
  static Interceptor<Context, Void> cooldown(Duration period, BotClock clock, Consumer<Context> onCooldown) {
    Cache<String, Boolean> recent =
        Caffeine.newBuilder().expireAfterWrite(period).ticker(clock::nanoTime).maximumSize(100_000).build();
    return named("cooldown", chain -> {
      Context ctx = chain.input();
      if (recent.asMap().putIfAbsent(ctx.sender(), Boolean.TRUE) != null) {
        if (onCooldown != null) {
          onCooldown.accept(ctx);
        }
        return null;
      }
      return chain.proceed(ctx);
    });
  }

  /**
   * Per-user cooldown on the clock of the bot it runs in (taken from the first message's
   * context); {@code onCooldown} may tell the user (or be null).
   */
  static Interceptor<Context, Void> cooldown(Duration period, Consumer<Context> onCooldown) {
    AtomicReference<Interceptor<Context, Void>> delegate = new AtomicReference<>();
    return named("cooldown", chain -> delegate
        .updateAndGet(cur -> cur != null ? cur : cooldown(period, chain.input().clock(), onCooldown))
        .intercept(chain));
  }

  /** Only these users get through. */
  static Interceptor<Context, Void> allowList(Set<String> users) {
    Set<String> allowed = Set.copyOf(users);
    return named("allowList", chain ->
        allowed.contains(chain.input().sender()) ? chain.proceed(chain.input()) : null);
  }

  /** These users are ignored. */
  static Interceptor<Context, Void> denyList(Set<String> users) {
    Set<String> denied = Set.copyOf(users);
    return named("denyList", chain ->
        denied.contains(chain.input().sender()) ? null : chain.proceed(chain.input()));
  }

  /**
   * The listed commands ({@code /name}, any configured prefix is accepted by matching the first
   * word without its prefix) are muted unless the sender is an admin.
   */
  static Interceptor<Context, Void> adminOnly(Set<String> admins, List<String> prefixes, Set<String> commands) {
    Set<String> adminSet = Set.copyOf(admins);
    Set<String> guarded = Set.copyOf(commands);
    List<String> prefixList = List.copyOf(prefixes);
    return named("adminOnly", chain -> {
      Context ctx = chain.input();
      String text = ctx.text().trim();
      for (String prefix : prefixList) {
        if (text.startsWith(prefix)) {
          String word = text.substring(prefix.length()).split("\\s+", 2)[0];
          if (guarded.contains(word) && !adminSet.contains(ctx.sender())) {
            return null;
          }
        }
      }
      return chain.proceed(ctx);
    });
  }
}
