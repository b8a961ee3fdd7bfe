package dev.timbot.internal.runtime;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ProfileTags;
import dev.timbot.spi.ImAdmin.UserProfile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sender profiles, cached on the bot's clock; failed lookups are not cached. */
public final class ProfileCache {
  private static final List<String> TAGS =
      List.of(ProfileTags.NICK, ProfileTags.IMAGE, ProfileTags.GENDER, ProfileTags.SELF_SIGNATURE,
          ProfileTags.LANGUAGE, ProfileTags.LEVEL, ProfileTags.ROLE);

  private final AsyncCache<String, UserProfile> cache;
  private final ImClient im;

  public ProfileCache(ImClient im, Duration ttl, BotClock clock) {
    this.im = im;
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(clock::nanoTime).maximumSize(50_000).buildAsync();
  }

  public CompletableFuture<UserProfile> get(String account) {
    return cache.get(account, (key, executor) ->
        im.getProfiles(List.of(key), TAGS).thenApply(list -> list.stream()
            .filter(p -> key.equals(p.account()))
            .findFirst()
            .orElseThrow(() -> new ImException(40006, "no profile returned for " + key))));
  }

  public void invalidate(String account) {
    cache.synchronous().invalidate(account);
  }
}
