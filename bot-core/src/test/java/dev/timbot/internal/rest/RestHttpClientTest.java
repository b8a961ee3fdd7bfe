package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The REST client's timeouts. */
class RestHttpClientTest {
  /**
   * No read or write deadline falls before its call's: Okio wakes its watchdog thread whenever a
   * deadline becomes the earliest it holds, so a call deadline later than its reads' woke it at every
   * read of a lone call (issue 15). Fails with the call's timeout longer than the read timeout.
   */
  @Test
  void aCallsDeadlineIsNeverLaterThanItsReadsAndWritesAndBoundsTheWholeCall() {
    Duration read = Duration.ofSeconds(7);
    RestHttpClient http = new RestHttpClient(null, read,
        WireGate.of(BotClock.system(), Optional::empty, api -> 200, ImClientListener.NONE));
    try {
      OkHttpClient c = http.client();
      assertThat(c.callTimeoutMillis()).isEqualTo(read.toMillis());
      assertThat(c.readTimeoutMillis()).isGreaterThanOrEqualTo(c.callTimeoutMillis());
      assertThat(c.writeTimeoutMillis()).isGreaterThanOrEqualTo(c.callTimeoutMillis());
    } finally {
      http.close();
    }
  }
}
