package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.catchThrowable;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
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

  /** An app-wide window that makes the first ask wait, counting the slots it grants. */
  private static final class SlowWindow implements Store.SharedRateLimit {
    final AtomicInteger asks = new AtomicInteger();
    final AtomicInteger granted = new AtomicInteger();

    @Override
    public Duration reserve(String key, int perSecond) {
      return Duration.ZERO;
    }

    @Override
    public Duration admit(String key, int perSecond) {
      if (asks.getAndIncrement() == 0) {
        return Duration.ofMillis(700);
      }
      granted.incrementAndGet();
      return Duration.ZERO;
    }
  }

  /**
   * A call whose timeout fires while it waits for the rate limit takes no slot of the window and is
   * known never to have left, so even a call that is not idempotent may be made again (review22). Fails
   * if the gate admits before asking whether the call was canceled, or if the transport reads the
   * timeout's wrapper alone.
   */
  @Test
  void aCallTimedOutAtTheRateLimitTakesNoSlotAndCountsAsNeverSent() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse.Builder().code(200).body("{\"ErrorCode\":0}").build());
      SlowWindow window = new SlowWindow();
      RestHttpClient http = new RestHttpClient(null, Duration.ofMillis(400),
          WireGate.of(BotClock.system(), () -> Optional.of(window), api -> 200, ImClientListener.NONE));
      try {
        Throwable failure = catchThrowable(() -> http.client().newCall(new Request.Builder()
            .url(server.url("/v4/openim/sendmsg"))
            .post(RequestBody.create(new byte[] {'{', '}'}, MediaType.get("application/json"))).build()).execute());
        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(server.getRequestCount()).as("the request never left").isZero();
        assertThat(window.granted).as("no slot taken after the cancel").hasValue(0);
        assertThat(OkHttpTransport.neverLeft(failure)).as("classed as never sent").isTrue();
      } finally {
        http.close();
      }
    }
  }
}
