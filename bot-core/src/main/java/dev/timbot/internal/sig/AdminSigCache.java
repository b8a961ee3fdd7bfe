package dev.timbot.internal.sig;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.timbot.spi.BotClock;
import dev.timbot.tencent.UserSig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The admin's UserSig, generated on demand and kept for half its lifetime: renewing at
 * half-life means a sig in use always has a long margin before the service would call it expired,
 * even with some clock skew. Expiry follows {@link BotClock#nanoTime()}, so a virtual clock drives
 * renewal in tests. A sig rejected by the service is {@link #invalidate() dropped} and regenerated.
 */
public final class AdminSigCache {
  private final long sdkAppId;
  private final String secretKey;
  private final String admin;
  private final Duration lifetime;
  private final BotClock clock;
  private final LoadingCache<String, String> cache;
  private final AtomicLong generated = new AtomicLong();

  public AdminSigCache(
      long sdkAppId, String secretKey, String admin, Duration lifetime, BotClock clock) {
    this.sdkAppId = sdkAppId;
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lifetime.compareTo(Duration.ofMinutes(2)) < 0) {
      throw new IllegalArgumentException("UserSig lifetime must be at least 2 minutes");
    }
    this.cache =
        Caffeine.newBuilder()
            .ticker(clock::nanoTime)
            // Same-thread maintenance: no ForkJoinPool work to race with a virtual clock.
            .executor(Runnable::run)
            .maximumSize(4)
            .expireAfterWrite(lifetime.dividedBy(2))
            .build(this::generate);
  }

  /** The current sig of the admin account, generating a fresh one when needed. */
  public String current() {
    return cache.get(admin);
  }

  /** Drops the cached sig (the service rejected it); the next call generates a new one. */
  public void invalidate() {
    cache.invalidate(admin);
  }

  /** How many sigs were generated so far (diagnostics). */
  public long generatedCount() {
    return generated.get();
  }

  private String generate(String identifier) {
    generated.incrementAndGet();
    return UserSig.generate(sdkAppId, secretKey, identifier, lifetime, clock.now());
  }
}
