package dev.timbot.tencent;

import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.CallbackServer;
import dev.timbot.internal.callback.CallbackSink;
import dev.timbot.internal.callback.MsgReportCallback;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.callback.StateChangeCallback;
import dev.timbot.internal.callback.UnknownCallback;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver over real HTTP: Jetty on 127.0.0.1, port 0, OkHttp as the IM service. */
class CallbackServerTest {
  static final long APP = 1400000000L;
  static final String TOKEN = "tok-" + System.nanoTime();
  static final MediaType JSON = MediaType.get("application/json");
  static final int LIMIT = 16 * 1024;
  static final String REPORT =
      "{\"CallbackCommand\":\"C2C.CallbackAfterMsgReport\",\"Report_Account\":\"jared\","
          + "\"Peer_Account\":\"Jonh\",\"LastReadTime\":1614754606,\"UnreadMsgNum\":7}";

  final OkHttpClient http = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
  final BlockingQueue<ReceivedCallback> got = new LinkedBlockingQueue<>();
  final ObjectMapper mapper = new ObjectMapper();
  volatile CallbackSink behaviour = got::add;
  CallbackReceiver receiver;
  CallbackServer server;
  LogCapture logs;

  @BeforeEach
  void start() {
    logs = new LogCapture();
    receiver =
        CallbackReceiver.builder()
            .sdkAppId(APP)
            .token(TOKEN)
            .maxBodyBytes(LIMIT)
            .sink(cb -> behaviour.accept(cb))
            .build();
    server = CallbackServer.builder().host("127.0.0.1").port(0).receiver(receiver).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
    receiver.close();
    logs.close();
    assertThat(logs.text()).doesNotContain(TOKEN);
  }

  HttpUrl url(String command) {
    long now = Instant.now().getEpochSecond();
    HttpUrl.Builder b =
        HttpUrl.get(server.url().toString()).newBuilder()
            .addQueryParameter("SdkAppid", Long.toString(APP))
            .addQueryParameter("contenttype", "json")
            .addQueryParameter("ClientIP", "203.0.113.9")
            .addQueryParameter("OptPlatform", "iOS")
            .addQueryParameter("Sign", CallbackReceiver.sign(TOKEN, now))
            .addQueryParameter("RequestTime", Long.toString(now));
    if (command != null) {
      b.addQueryParameter("CallbackCommand", command);
    }
    return b.build();
  }

  record Answer(int status, String contentType, String body) {}

  Answer post(HttpUrl url, RequestBody body) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(url).post(body).build()).execute()) {
      return new Answer(r.code(), r.header("Content-Type"), r.body().string());
    }
  }

  Answer post(String command, String body) throws IOException {
    return post(url(command), RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON));
  }

  JsonNode json(Answer a) throws IOException {
    assertThat(a.contentType()).startsWith("application/json");
    return mapper.readTree(a.body());
  }

  void assertRefused(Answer a, int status) throws IOException {
    assertThat(a.status()).isEqualTo(status);
    JsonNode j = json(a);
    assertThat(j.path("ActionStatus").asText()).isEqualTo("FAIL");
    assertThat(j.path("ErrorCode").asInt()).isEqualTo(status);
    assertThat(j.path("ErrorInfo").asText()).isNotBlank();
    assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** Proves nothing else reached the sink: the next event is the one posted now. */
  void assertNothingDeliveredBefore() throws Exception {
    assertThat(post("C2C.CallbackAfterMsgReport", REPORT).status()).isEqualTo(200);
    ReceivedCallback next = got.poll(5, TimeUnit.SECONDS);
    assertThat(next).isNotNull();
    assertThat(next.event()).isInstanceOf(MsgReportCallback.class);
    assertThat(got).isEmpty();
  }

  @Test
  void acknowledgesWithTheExactBytesAndDelivers() throws Exception {
    Answer a = post("C2C.CallbackAfterMsgReport", REPORT);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}");
    ReceivedCallback rc = got.poll(5, TimeUnit.SECONDS);
    assertThat(rc).isNotNull();
    assertThat(rc.clientIp()).isEqualTo("203.0.113.9");
    assertThat(rc.optPlatform()).isEqualTo("iOS");
    assertThat(((MsgReportCallback) rc.event()).reportAccount()).isEqualTo("jared");
    assertThat(server.url().toString()).endsWith(":" + server.port() + "/tim/callback");
  }

  @Test
  void ackIsSentBeforeTheSinkRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    behaviour =
        cb -> {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          finished.set(true);
          got.add(cb);
        };
    Answer a = post("C2C.CallbackAfterMsgReport", REPORT);
    assertThat(a.status()).isEqualTo(200);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(finished).isFalse(); // the sink is still blocked, yet the service has its answer
    release.countDown();
    assertThat(got.poll(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void concurrentCallbacksAreAllDeliveredOnce() throws Exception {
    java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String body = "{\"Report_Account\":\"u" + i + "\",\"Peer_Account\":\"p\",\"LastReadTime\":" + i + "}";
        answers.add(senders.submit(() -> post("C2C.CallbackAfterMsgReport", body).status()));
      }
      for (java.util.concurrent.Future<Integer> a : answers) {
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      senders.shutdownNow();
    }
    java.util.Set<String> accounts = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      ReceivedCallback rc = got.poll(5, TimeUnit.SECONDS);
      assertThat(rc).isNotNull();
      assertThat(accounts.add(((MsgReportCallback) rc.event()).reportAccount())).isTrue();
    }
    assertThat(got).isEmpty();
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    String big = "{\"CallbackCommand\":\"C2C.CallbackAfterMsgReport\",\"Pad\":\"" + "x".repeat(LIMIT) + "\"}";
    assertRefused(post("C2C.CallbackAfterMsgReport", big), 413);
    assertNothingDeliveredBefore();
  }

  @Test
  void chunkedBodyOverTheLimitIs413WhileReading() throws Exception {
    RequestBody chunked =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return JSON;
          }

          @Override
          public long contentLength() {
            return -1; // unknown: sent chunked, so only the reading loop can stop it
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8("{\"Pad\":\"");
            for (int i = 0; i < 4; i++) {
              sink.writeUtf8("y".repeat(LIMIT / 2));
              sink.flush();
            }
            sink.writeUtf8("\"}");
          }
        };
    assertRefused(post(url("C2C.CallbackAfterMsgReport"), chunked), 413);
    assertNothingDeliveredBefore();
  }

  @Test
  void bodyExactlyAtTheLimitIsRead() throws Exception {
    String prefix = "{\"CallbackCommand\":\"C2C.CallbackAfterMsgReport\",\"Report_Account\":\"jared\",\"Peer_Account\":\"Jonh\",\"Pad\":\"";
    String body = prefix + "z".repeat(LIMIT - prefix.length() - 2) + "\"}";
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
    assertThat(post("C2C.CallbackAfterMsgReport", body).status()).isEqualTo(200);
    assertThat(got.poll(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertRefused(post("C2C.CallbackAfterMsgReport", "{\"Report_Account\":"), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "{\"a\":1} trailing"), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "not json at all"), 400);
    assertThat(
            post(
                    url("C2C.CallbackAfterMsgReport"),
                    RequestBody.create(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, JSON))
                .status())
        .isEqualTo(400);
    assertNothingDeliveredBefore();
  }

  @Test
  void wrongTypesInAKnownCommandAre400() throws Exception {
    Answer seq =
        post("C2C.CallbackAfterSendMsg", "{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgSeq\":\"not-a-number\"}");
    assertRefused(seq, 400);
    assertThat(json(seq).path("ErrorInfo").asText()).contains("MsgSeq");
    assertRefused(post("C2C.CallbackAfterSendMsg", "{\"From_Account\":{\"nested\":true}}"), 400);
    assertRefused(post("Group.CallbackAfterSendMsg", "{\"GroupId\":\"g\",\"MsgBody\":\"text\"}"), 400);
    assertRefused(post("State.StateChange", "{\"Info\":[1,2,3]}"), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "{\"CallbackCommand\":17}"), 400);
    assertNothingDeliveredBefore();
  }

  @Test
  void deepNestingIs400() throws Exception {
    assertRefused(post("C2C.CallbackAfterMsgReport", "[".repeat(10_000)), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "{\"a\":" + "[".repeat(3_000)), 400);
    assertRefused(
        post("C2C.CallbackAfterMsgReport", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400);
    assertNothingDeliveredBefore();
  }

  @Test
  void emptyAndNonObjectBodiesAre400() throws Exception {
    assertRefused(post("C2C.CallbackAfterMsgReport", ""), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "   "), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "[]"), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "\"a string\""), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "42"), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "null"), 400);
    assertNothingDeliveredBefore();
  }

  @Test
  void missingOrContradictoryCommandIs400() throws Exception {
    assertRefused(post(null, "{\"Report_Account\":\"jared\"}"), 400);
    assertRefused(post("C2C.CallbackAfterMsgReport", "{\"CallbackCommand\":\"State.StateChange\"}"), 400);
    assertNothingDeliveredBefore();
    // A body naming the command is enough when the URL lacks it.
    assertThat(post(null, REPORT).status()).isEqualTo(200);
    assertThat(got.poll(5, TimeUnit.SECONDS).event()).isInstanceOf(MsgReportCallback.class);
  }

  @Test
  void unknownCommandIsAcknowledgedAndDeliveredRaw() throws Exception {
    Answer a = post("Group.CallbackAfterGroupFull", "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#1\"}");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo(CallbackResponse.OK_BODY);
    ReceivedCallback rc = got.poll(5, TimeUnit.SECONDS);
    assertThat(rc.event()).isInstanceOfSatisfying(UnknownCallback.class, u -> {
      assertThat(u.command()).isEqualTo("Group.CallbackAfterGroupFull");
      assertThat(u.body().path("GroupId").asText()).isEqualTo("@TGS#1");
    });
    assertThat(logs.events())
        .anySatisfy(e -> {
          assertThat(e.getLevel().toString()).isEqualTo("INFO");
          assertThat(e.getFormattedMessage()).contains("Group.CallbackAfterGroupFull");
        });
  }

  @Test
  void throwingSinkStillAcksAndTheNextCallbackIsDelivered() throws Exception {
    behaviour =
        cb -> {
          if (cb.event() instanceof MsgReportCallback) {
            throw new IllegalStateException("sink exploded");
          }
          got.add(cb);
        };
    assertThat(post("C2C.CallbackAfterMsgReport", REPORT).status()).isEqualTo(200);
    Answer next = post("State.StateChange", "{\"Info\":{\"Action\":\"Logout\",\"To_Account\":\"u\",\"Reason\":\"Unregister\"}}");
    assertThat(next.status()).isEqualTo(200);
    ReceivedCallback rc = got.poll(5, TimeUnit.SECONDS);
    assertThat(rc).isNotNull();
    assertThat(rc.event()).isInstanceOf(StateChangeCallback.class);
    assertThat(logs.text()).contains("callback sink failed").contains("sink exploded");
  }

  @Test
  void saturatedExecutorIs503AndLogged() throws Exception {
    CallbackReceiver saturated =
        CallbackReceiver.builder()
            .sdkAppId(APP)
            .token(TOKEN)
            .executor(task -> { throw new RejectedExecutionException("full"); })
            .sink(got::add)
            .build();
    try (CallbackServer s2 = CallbackServer.builder().host("127.0.0.1").port(0).path("/cb/").receiver(saturated).build().start()) {
      long now = Instant.now().getEpochSecond();
      HttpUrl u =
          HttpUrl.get(s2.url().toString()).newBuilder()
              .addQueryParameter("SdkAppid", Long.toString(APP))
              .addQueryParameter("CallbackCommand", "C2C.CallbackAfterMsgReport")
              .addQueryParameter("Sign", CallbackReceiver.sign(TOKEN, now))
              .addQueryParameter("RequestTime", Long.toString(now))
              .build();
      assertThat(u.encodedPath()).isEqualTo("/cb");
      assertRefused(post(u, RequestBody.create(REPORT.getBytes(StandardCharsets.UTF_8), JSON)), 503);
    }
    assertThat(got).isEmpty();
    assertThat(logs.text()).contains("refused callback").contains("503");
  }

  @Test
  void badCredentialsOverHttpAreRefused() throws Exception {
    HttpUrl wrongApp = url("C2C.CallbackAfterMsgReport").newBuilder().setQueryParameter("SdkAppid", "1").build();
    assertRefused(post(wrongApp, RequestBody.create(REPORT.getBytes(StandardCharsets.UTF_8), JSON)), 403);
    HttpUrl wrongSign = url("C2C.CallbackAfterMsgReport").newBuilder().setQueryParameter("Sign", "00").build();
    assertRefused(post(wrongSign, RequestBody.create(REPORT.getBytes(StandardCharsets.UTF_8), JSON)), 401);
    HttpUrl noSign = url("C2C.CallbackAfterMsgReport").newBuilder().removeAllQueryParameters("Sign").build();
    assertRefused(post(noSign, RequestBody.create(REPORT.getBytes(StandardCharsets.UTF_8), JSON)), 401);
    assertNothingDeliveredBefore();
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    try (Response r = http.newCall(new Request.Builder().url(url("C2C.CallbackAfterMsgReport")).get().build()).execute()) {
      assertThat(r.code()).isEqualTo(405);
      assertThat(r.header("Allow")).isEqualTo("POST");
    }
    HttpUrl elsewhere = url("C2C.CallbackAfterMsgReport").newBuilder().encodedPath("/tim/callbackx").build();
    assertThat(post(elsewhere, RequestBody.create(REPORT.getBytes(StandardCharsets.UTF_8), JSON)).status()).isEqualTo(404);
    assertNothingDeliveredBefore();
  }
}
