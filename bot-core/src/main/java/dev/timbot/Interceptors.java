package dev.timbot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Standard inbound interceptors. */
public final class Interceptors {
  private Interceptors() {}

  /**
   * Per-user cooldown: after a user's message is let through, their next messages within {@code
   * period} (on the bot's clock) are muted; {@code onCooldown} may tell them (or be null).
   */
  public static Interceptor cooldown(Duration period, BotClock clock, Consumer<Context> onCooldown) {
    Cache<String, Boolean> recent =
        Caffeine.newBuilder().expireAfterWrite(period).ticker(clock.ticker()).maximumSize(100_000).build();
    return named(
        "cooldown",
        chain -> {
          String user = chain.context().sender();
          if (recent.asMap().putIfAbsent(user, Boolean.TRUE) != null) {
            if (onCooldown != null) {
              onCooldown.accept(chain.context());
            }
            return;
          }
          chain.proceed();
        });
  }

  /**
   * Per-user cooldown on the clock of the bot it runs in (taken from the first message's
   * context); {@code onCooldown} may tell the user (or be null).
   */
  public static Interceptor cooldown(Duration period, Consumer<Context> onCooldown) {
    java.util.concurrent.atomic.AtomicReference<Interceptor> delegate = new java.util.concurrent.atomic.AtomicReference<>();
    return named("cooldown", chain -> {
      Interceptor d = delegate.updateAndGet(
          cur -> cur != null ? cur : cooldown(period, chain.context().clock(), onCooldown));
      d.intercept(chain);
    });
  }

  /** Only these users get through. */
  public static Interceptor allowList(Set<String> users) {
    Set<String> allowed = Set.copyOf(users);
    return named("allowList", chain -> {
      if (allowed.contains(chain.context().sender())) {
        chain.proceed();
      }
    });
  }

  /** These users are ignored. */
  public static Interceptor denyList(Set<String> users) {
    Set<String> denied = Set.copyOf(users);
    return named("denyList", chain -> {
      if (!denied.contains(chain.context().sender())) {
        chain.proceed();
      }
    });
  }

  /**
   * The listed commands ({@code /name}, any configured prefix is accepted by matching the first
   * word without its prefix) are muted unless the sender is an admin.
   */
  public static Interceptor adminOnly(Set<String> admins, List<String> prefixes, Set<String> commands) {
    Set<String> adminSet = Set.copyOf(admins);
    Set<String> guarded = Set.copyOf(commands);
    List<String> prefixList = List.copyOf(prefixes);
    return named("adminOnly", chain -> {
      String text = chain.context().text().trim();
      for (String prefix : prefixList) {
        if (text.startsWith(prefix)) {
          String word = text.substring(prefix.length()).split("\\s+", 2)[0];
          if (guarded.contains(word) && !adminSet.contains(chain.context().sender())) {
            return;
          }
        }
      }
      chain.proceed();
    });
  }

  /** Gives an interceptor a name for traces. */
  public static Interceptor named(String name, Interceptor delegate) {
    return new Interceptor() {
      @Override
      public void intercept(Chain chain) throws Exception {
        delegate.intercept(chain);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
