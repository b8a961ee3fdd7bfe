package dev.timbot.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.timbot.internal.store.StoreContract;
import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import dev.timbot.store.redis.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The store over TLS ({@code rediss://}): the whole store contract through redis-server's TLS port,
 * trusting its self-signed certificate with the {@code tlsCa} option; an untrusted server is refused
 * with an error that names the store but never its password.
 */
class RedisTlsTest extends StoreContract {
  static final String PASSWORD = "tls-s3cret";
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.launchTls();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected Store open() {
    redis.flushAll();
    return Stores.open(redis.tlsUrl(), clock);
  }

  @Test
  void aPasswordProtectedServerOverTlsWorksAndThePasswordIsNeverShown() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try (RedisServer secured = RedisServer.launchTls("--requirepass", PASSWORD)) {
      String url = secured.tlsUrl().replace("rediss://", "rediss://:" + PASSWORD + "@");
      try (Store store = Stores.open(url, clock)) {
        assertThat(store.describe()).startsWith("rediss://***@127.0.0.1:").doesNotContain(PASSWORD);
        store.state("tls").put("k", "v".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
        assertThat(store.state("tls").get("k")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("v");
        assertThat(store.dedupe().claim("m1", "a", Duration.ofMinutes(1))).isEmpty();
        assertThat(store.dedupe().claim("m1", "b", Duration.ofMinutes(1))).isEqualTo(Optional.of("a"));
        assertThat(store.journal().append("C2Calice", "x".getBytes(StandardCharsets.UTF_8)).join()).isPositive();
        assertThat(store.rateLimit().orElseThrow().admit("openim/sendmsg", 200)).isZero();
      }

      // The JVM's own trust store does not know the test certificate: the handshake fails.
      String untrusted = url.substring(0, url.indexOf('?'));
      assertThatThrownBy(() -> Stores.open(untrusted, clock).close())
          .hasMessageContaining("rediss://***@127.0.0.1:")
          .hasMessageNotContaining(PASSWORD);
      String wrongPassword = secured.tlsUrl().replace("rediss://", "rediss://:wrong-" + PASSWORD + "@");
      assertThatThrownBy(() -> Stores.open(wrongPassword, clock).close())
          .hasMessageNotContaining(PASSWORD);
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(PASSWORD));
    assertThat(logs.list).filteredOn(e -> e.getThrowableProxy() != null)
        .extracting(e -> e.getThrowableProxy().getMessage()).noneMatch(m -> m != null && m.contains(PASSWORD));
  }

  @Test
  void tlsCaIsOnlyForTlsAndMustBeReadable() {
    assertThatThrownBy(() -> Stores.open("redis://127.0.0.1:1?tlsCa=/x", clock))
        .hasMessageContaining("tlsCa is for TLS");
    assertThatThrownBy(() -> Stores.open("rediss://127.0.0.1:1?tlsCa=/no/such/file.pem", clock))
        .hasMessageContaining("not a readable file");
  }
}
