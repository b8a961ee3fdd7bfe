package dev.timbot.internal.sig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.tencent.UserSig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminSigCacheTest {
  static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  final VirtualClock clock = new VirtualClock();
  final AdminSigCache cache = new AdminSigCache(1400000000L, KEY, "administrator", Duration.ofDays(1), clock);

  @Test
  void cachesForHalfTheLifetimeThenRenews() throws Exception {
    String first = cache.current();
    assertThat(UserSig.verify(first, 1400000000L, "administrator", KEY, clock.now()).expire())
        .isEqualTo(Duration.ofDays(1));
    clock.advance(Duration.ofHours(11));
    assertThat(cache.current()).isSameAs(first);
    clock.advance(Duration.ofHours(1));
    String renewed = cache.current();
    assertThat(renewed).isNotEqualTo(first);
    assertThat(((Number) UserSig.decode(renewed).get("TLS.time")).longValue()).isEqualTo(clock.now().getEpochSecond());
    assertThat(cache.generatedCount()).isEqualTo(2);
  }

  @Test
  void invalidateForcesANewSig() {
    cache.current();
    cache.invalidate();
    cache.current();
    assertThat(cache.generatedCount()).isEqualTo(2);
  }
}
