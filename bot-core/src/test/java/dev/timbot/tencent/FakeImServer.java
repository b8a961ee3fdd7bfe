package dev.timbot.tencent;

import dev.timbot.tencent.UserSig.UserSigException;

import dev.timbot.internal.rest.TencentImClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.internal.rest.ImClientListener;
import dev.timbot.BotEvent.NetState;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** MockWebServer on loopback, a virtual clock and a recording listener, for TencentImClient tests. */
final class FakeImServer implements AutoCloseable {
  static final long APP = 1400000000L;
  static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  static final String ADMIN = "administrator";
  static final ObjectMapper JSON = new ObjectMapper();

  final MockWebServer server = new MockWebServer();
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Events events = new Events();

  FakeImServer() {
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  TencentImClient.Builder builder() {
    return TencentImClient.builder()
        .sdkAppId(APP)
        .secretKey(KEY)
        .admin(ADMIN)
        .baseUrl(server.url("/").toString())
        .clock(clock)
        .listener(events)
        .random(new Random(7));
  }

  /** Queues a 200 answer: the OK envelope plus {@code fields} (a JSON object's inside). */
  void ok(String fields) {
    String extra = fields == null || fields.isBlank() ? "" : "," + fields;
    reply("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0" + extra + "}");
  }

  void ok() {
    ok("");
  }

  void fail(int code, String info) {
    reply("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"" + info + "\",\"ErrorCode\":" + code + "}");
  }

  void reply(String json) {
    server.enqueue(answer(json));
  }

  static MockResponse answer(String json) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(json)
        .build();
  }

  void status(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  RecordedRequest take() {
    try {
      RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(r).as("a request reached the server").isNotNull();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Takes the next request, checks URL and signature, and returns its body. */
  JsonNode take(String service, String command) {
    RecordedRequest r = take();
    assertSigned(r, service, command);
    return body(r);
  }

  static JsonNode body(RecordedRequest r) {
    try {
      return JSON.readTree(r.getBody().utf8());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** POST /v4/{service}/{command} with exactly the documented query and a valid admin sig. */
  void assertSigned(RecordedRequest r, String service, String command) {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v4/" + service + "/" + command);
    assertThat(r.getUrl().queryParameterNames())
        .containsExactlyInAnyOrder("sdkappid", "identifier", "usersig", "random", "contenttype");
    assertThat(r.getUrl().queryParameter("sdkappid")).isEqualTo(Long.toString(APP));
    assertThat(r.getUrl().queryParameter("identifier")).isEqualTo(ADMIN);
    assertThat(r.getUrl().queryParameter("contenttype")).isEqualTo("json");
    long random = Long.parseLong(r.getUrl().queryParameter("random"));
    assertThat(random).isBetween(0L, 4294967295L);
    try {
      UserSig.Decoded sig =
          UserSig.verify(r.getUrl().queryParameter("usersig"), APP, ADMIN, KEY, clock.now());
      assertThat(sig.identifier()).isEqualTo(ADMIN);
    } catch (UserSigException e) {
      throw new AssertionError("usersig does not verify: " + e.getMessage(), e);
    }
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().size()).as("body is never empty").isPositive();
  }

  /** Waits (without advancing time) until the client has scheduled {@code n} timers. */
  void awaitTimers(int n) {
    await().atMost(Duration.ofSeconds(10)).until(() -> clock.pendingTimers() == n);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** Everything the client reported, in order. */
  static final class Events implements ImClientListener {
    final List<NetState> netStates = Collections.synchronizedList(new ArrayList<>());
    final List<String> retries = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> rateLimitWaits = Collections.synchronizedList(new ArrayList<>());
    final List<String> callEnds = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onNetStateChange(NetState state) {
      netStates.add(state);
    }

    @Override
    public void onCallEnd(String api, Duration latency, int errorCode) {
      callEnds.add(api + " " + errorCode);
    }

    @Override
    public void onRetry(String api, int attempt, int errorCode) {
      retries.add(api + " #" + attempt + " after " + errorCode);
    }

    @Override
    public void onRateLimitWait(String api, Duration waited) {
      rateLimitWaits.add(waited);
    }
  }
}
