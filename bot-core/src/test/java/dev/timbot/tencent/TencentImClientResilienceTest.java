package dev.timbot.tencent;

import dev.timbot.tencent.UserSig.UserSigException;

import dev.timbot.internal.rest.TencentImClient;
import static dev.timbot.tencent.FakeImServer.ADMIN;
import static dev.timbot.tencent.FakeImServer.APP;
import static dev.timbot.tencent.FakeImServer.KEY;
import static dev.timbot.tencent.FakeImServer.answer;
import static dev.timbot.tencent.FakeImServer.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.BotEvent.NetState;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Retries, sig renewal, rate limiting, chunking, net state and secrecy, on a virtual clock. */
class TencentImClientResilienceTest {
  FakeImServer im;
  TencentImClient client;

  @BeforeEach
  void setUp() {
    im = new FakeImServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    im.close();
  }

  static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  static ImException failure(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ImException.class);
      return (ImException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void http502_isRetriedAfterBackoffWithTheSameMsgSeqAndMsgRandom() throws Exception {
    client = im.builder().build();
    im.status(502, "<html>Bad Gateway</html>");
    im.ok("\"MsgTime\":1,\"MsgKey\":\"k\"");
    CompletableFuture<SendResult> f = client.sendMessage(SendMessage.text("bot", "alice", "hi"));

    RecordedRequest first = im.take();
    im.awaitTimers(1);
    // Equal jitter on a 200 ms base: the first retry waits between 100 and 200 ms.
    assertThat(im.clock.pendingDelays().get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(f).isNotDone();
    im.clock.advance(Duration.ofMillis(200));
    RecordedRequest second = im.take();
    SendResult result = get(f);

    assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8());
    JsonNode body = body(second);
    assertThat(body.get("MsgSeq").asLong()).isEqualTo(result.msgSeq());
    assertThat(body.get("MsgRandom").asLong()).isEqualTo(result.msgRandom());
    // A fresh URL random and a valid sig on each attempt.
    im.assertSigned(first, "openim", "sendmsg");
    im.assertSigned(second, "openim", "sendmsg");
    assertThat(second.getUrl().queryParameter("random"))
        .isNotEqualTo(first.getUrl().queryParameter("random"));
    assertThat(im.events.retries).containsExactly("openim/sendmsg #2 after 0");
    assertThat(im.events.netStates).containsExactly(NetState.CONNECTING, NetState.CONNECTED);
    assertThat(im.events.callEnds).containsExactly("openim/sendmsg 0");
  }

  @Test
  void groupSend_retryReusesRandom() throws Exception {
    client = im.builder().build();
    im.status(503, "");
    im.ok("\"MsgTime\":1,\"MsgSeq\":9");
    CompletableFuture<?> f = client.sendGroupMessage(GroupMessage.text("g1", "bot", "hi"));
    RecordedRequest first = im.take();
    im.awaitTimers(1);
    im.clock.advance(Duration.ofMillis(200));
    RecordedRequest second = im.take();
    get(f);
    assertThat(body(second).get("Random")).isEqualTo(body(first).get("Random"));
  }

  @Test
  void documentedTransientCodes_areRetried() throws Exception {
    client = im.builder().build();
    im.fail(90992, "internal error, retry");
    im.ok("\"MsgTime\":1,\"MsgKey\":\"k\"");
    CompletableFuture<SendResult> f = client.sendMessage(SendMessage.text("bot", "alice", "hi"));
    RecordedRequest first = im.take();
    im.awaitTimers(1);
    im.clock.advance(Duration.ofMillis(200));
    RecordedRequest second = im.take();
    get(f);
    assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8());
    assertThat(im.events.retries).containsExactly("openim/sendmsg #2 after 90992");
  }

  @Test
  void groupRateLimit10023_backsOffAtLeastHalfASecond() throws Exception {
    client = im.builder().build();
    im.fail(10023, "group message rate exceeded");
    im.ok("\"MsgTime\":1,\"MsgSeq\":9");
    CompletableFuture<?> f = client.sendGroupMessage(GroupMessage.text("g1", "bot", "hi"));
    im.take();
    im.awaitTimers(1);
    assertThat(im.clock.pendingDelays().get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    im.clock.advance(Duration.ofSeconds(1));
    im.take();
    get(f);
    assertThat(im.events.retries).containsExactly("group_open_http_svc/send_group_msg #2 after 10023");
  }

  @Test
  void sigLockout70050_waitsAMinute() throws Exception {
    client = im.builder().build();
    im.fail(70050, "too many failed sig verifications");
    im.ok("\"MsgTime\":1,\"MsgKey\":\"k\"");
    CompletableFuture<SendResult> f = client.sendMessage(SendMessage.text("bot", "alice", "hi"));
    im.take();
    im.awaitTimers(1);
    assertThat(im.clock.pendingDelays().get(0)).isEqualTo(Duration.ofMinutes(1));
    im.clock.advance(Duration.ofMinutes(1));
    im.take();
    get(f);
  }

  @Test
  void rateLimitCode_isRetriedAfterAtLeastHalfASecond() throws Exception {
    client = im.builder().build();
    im.fail(60007, "REST API call rate exceeded");
    im.ok("\"MsgTime\":1,\"MsgKey\":\"k\"");
    CompletableFuture<SendResult> f = client.sendMessage(SendMessage.text("bot", "alice", "hi"));

    RecordedRequest first = im.take();
    im.awaitTimers(1);
    // The service counts per second: the backoff ceiling is 1 s, jittered down to no less than half.
    assertThat(im.clock.pendingDelays().get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    im.clock.advance(Duration.ofMillis(499));
    assertThat(im.clock.pendingTimers()).isEqualTo(1);
    im.clock.advance(Duration.ofMillis(501));
    RecordedRequest second = im.take();
    get(f);
    assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8());
    assertThat(im.events.retries).containsExactly("openim/sendmsg #2 after 60007");
    // The service answered both times: never "connecting".
    assertThat(im.events.netStates).containsExactly(NetState.CONNECTED);
  }

  @Test
  void backoffDoublesAndGivesUpWithNetworkErrorAfterMaxAttempts() throws Exception {
    client = im.builder().maxAttempts(3).build();
    im.ok();
    get(client.importAccount("bot", null, null)); // reachable first
    im.take();
    for (int i = 0; i < 3; i++) {
      im.status(502, "Bad Gateway");
    }
    CompletableFuture<Void> f = client.importAccount("bot", null, null);
    im.take();
    im.awaitTimers(1);
    assertThat(im.clock.pendingDelays().get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    im.clock.advance(Duration.ofMillis(200));
    im.take();
    im.awaitTimers(1);
    assertThat(im.clock.pendingDelays().get(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    im.clock.advance(Duration.ofMillis(400));
    im.take();
    ImException e = failure(f);
    assertThat(e.errorCode()).isEqualTo(ImErrorCodes.NETWORK_ERROR);
    assertThat(e.getMessage()).contains("HTTP 502").contains("/v4/im_open_login_svc/account_import").contains("3 attempts");

    im.ok();
    get(client.importAccount("bot", null, null));
    assertThat(im.events.netStates)
        .containsExactly(
            NetState.CONNECTED, NetState.CONNECTING, NetState.DISCONNECTED, NetState.CONNECTED);
    assertThat(im.events.callEnds)
        .containsExactly(
            "im_open_login_svc/account_import 0",
            "im_open_login_svc/account_import " + ImErrorCodes.NETWORK_ERROR,
            "im_open_login_svc/account_import 0");
  }

  @Test
  void droppedConnection_isRetriedOnASharedOkHttpClient() throws Exception {
    // OkHttp's own silent retry is off so that the test sees exactly our attempts.
    OkHttpClient shared = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    try {
      client = im.builder().okHttpClient(shared).build();
      im.server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
      im.ok("\"MsgTime\":1,\"MsgKey\":\"k\"");
      CompletableFuture<SendResult> f = client.sendMessage(SendMessage.text("bot", "alice", "hi"));
      RecordedRequest first = im.take();
      im.awaitTimers(1);
      im.clock.advance(Duration.ofMillis(200));
      RecordedRequest second = im.take();
      get(f);
      assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8());
      assertThat(im.events.netStates).containsExactly(NetState.CONNECTING, NetState.CONNECTED);
    } finally {
      client.close();
      client = null;
      // Closing the TencentImClient must leave a shared client usable.
      assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }

  @Test
  void close_makesPendingRetriesGiveUp() {
    client = im.builder().build();
    im.status(502, "");
    CompletableFuture<List<String>> f = client.getAllRobots();
    im.take();
    im.awaitTimers(1);
    client.close();
    im.clock.advance(Duration.ofSeconds(1));
    ImException e = failure(f);
    assertThat(e.errorCode()).isEqualTo(ImErrorCodes.SDK_NOT_LOGGED_IN);
    assertThat(im.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void nonJsonAnswer_isAClearNetworkError() {
    client = im.builder().maxAttempts(1).build();
    im.server.enqueue(
        new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html").body("<html>login</html>").build());
    ImException e = failure(client.getAllRobots());
    assertThat(e.errorCode()).isEqualTo(ImErrorCodes.NETWORK_ERROR);
    assertThat(e.getMessage()).contains("not a JSON object").contains("text/html").contains("get_all_robots");
  }

  @Test
  void http404_isNotRetried() {
    client = im.builder().build();
    im.status(404, "not found");
    ImException e = failure(client.getAllRobots());
    assertThat(e.errorCode()).isEqualTo(ImErrorCodes.NETWORK_ERROR);
    assertThat(e.getMessage()).contains("HTTP 404");
    assertThat(im.server.getRequestCount()).isEqualTo(1);
    assertThat(im.clock.pendingTimers()).isZero();
  }

  @Test
  void createGroupWithoutId_isNotRetriedAfterItMayHaveReachedTheService() {
    client = im.builder().build();
    im.status(502, "");
    ImException e = failure(client.createGroup("Public", "n", "bot", List.of(), null));
    assertThat(e.errorCode()).isEqualTo(ImErrorCodes.NETWORK_ERROR);
    assertThat(im.server.getRequestCount()).isEqualTo(1);
    assertThat(im.events.netStates).containsExactly(NetState.DISCONNECTED);
  }

  @Test
  void sigError_regeneratesTheSigAndRetriesOnce() throws Exception {
    client = im.builder().build();
    Instant t0 = im.clock.now();
    im.ok();
    get(client.importAccount("a", null, null));
    RecordedRequest first = im.take();

    // An hour later (sig still cached) the service rejects it as expired.
    im.clock.advance(Duration.ofHours(1));
    im.fail(70001, "UserSig expired");
    im.ok();
    get(client.importAccount("b", null, null));
    RecordedRequest rejected = im.take();
    RecordedRequest retried = im.take();

    assertThat(sigTime(first)).isEqualTo(t0.getEpochSecond());
    assertThat(sigTime(rejected)).isEqualTo(t0.getEpochSecond());
    assertThat(sigTime(retried)).isEqualTo(t0.plus(Duration.ofHours(1)).getEpochSecond());
    assertThat(retried.getBody().utf8()).isEqualTo(rejected.getBody().utf8());
    assertThat(im.events.retries).containsExactly("im_open_login_svc/account_import #2 after 70001");
    assertThat(im.clock.pendingTimers()).isZero(); // immediate, not backed off

    // A second rejection in a row is a configuration problem: reported, not retried again.
    im.fail(70009, "UserSig verify failed");
    im.fail(70009, "UserSig verify failed");
    ImException e = failure(client.importAccount("c", null, null));
    assertThat(e.errorCode()).isEqualTo(70009);
    assertThat(im.server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void adminSig_isRenewedAfterHalfItsLifetime() throws Exception {
    client = im.builder().userSigLifetime(Duration.ofDays(1)).build();
    Instant t0 = im.clock.now();
    im.ok();
    im.ok();
    im.ok();
    get(client.getAllRobots());
    im.clock.advance(Duration.ofHours(11));
    get(client.getAllRobots());
    im.clock.advance(Duration.ofHours(2));
    get(client.getAllRobots());
    assertThat(sigTime(im.take())).isEqualTo(t0.getEpochSecond());
    assertThat(sigTime(im.take())).isEqualTo(t0.getEpochSecond());
    assertThat(sigTime(im.take())).isEqualTo(t0.plus(Duration.ofHours(13)).getEpochSecond());
  }

  private static long sigTime(RecordedRequest r) {
    try {
      java.util.Map<String, Object> doc = UserSig.decode(r.getUrl().queryParameter("usersig"));
      assertThat(((Number) doc.get("TLS.expire")).longValue()).isEqualTo(86400);
      return ((Number) doc.get("TLS.time")).longValue();
    } catch (UserSigException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rateLimiter_queuesABurstOnTheClock() throws Exception {
    client = im.builder().rateLimit("openim/sendmsg", 2).build();
    im.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"MsgTime\":1,\"MsgKey\":\"k\"}");
          }
        });
    List<CompletableFuture<SendResult>> sends = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sends.add(client.sendMessage(SendMessage.text("bot", "u" + i, "hi")));
    }
    // One goes at once (a limit this small gets no burst), four wait their turn, evenly paced.
    assertThat(im.clock.pendingDelays()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
        Duration.ofMillis(1500), Duration.ofMillis(2000));
    assertThat(im.events.rateLimitWaits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
        Duration.ofMillis(1500), Duration.ofMillis(2000));
    get(sends.get(0));
    assertThat(sends.get(1)).isNotDone();
    im.clock.advance(Duration.ofMillis(500));
    get(sends.get(1));
    assertThat(sends.get(2)).isNotDone();
    im.clock.advance(Duration.ofMillis(1500));
    get(sends.get(2));
    get(sends.get(3));
    get(sends.get(4));
    assertThat(im.server.getRequestCount()).isEqualTo(5);
    // Other APIs have their own bucket.
    get(client.getAllRobots());
    assertThat(im.events.rateLimitWaits).hasSize(4);
  }

  @Test
  void rateLimiter_theSharedWindowAdmitsEveryRequestWhereItIsWritten() throws Exception {
    List<String> reserved = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> admitted = java.util.Collections.synchronizedList(new ArrayList<>());
    dev.timbot.spi.Store.SharedRateLimit shared = new dev.timbot.spi.Store.SharedRateLimit() {
      @Override
      public Duration reserve(String key, int perSecond) {
        reserved.add(key + " " + perSecond);
        return Duration.ZERO;
      }

      @Override
      public Duration admit(String key, int perSecond) {
        admitted.add(key + " " + perSecond + " " + (Thread.currentThread().getName().startsWith("OkHttp") ? "on OkHttp" : "elsewhere"));
        return Duration.ZERO;
      }
    };
    client = im.builder().sharedRateLimit(() -> java.util.Optional.of(shared)).build();
    im.ok("\"MsgTime\":1,\"MsgKey\":\"k\"");
    im.ok("\"AccountList\":[]");
    get(client.sendMessage(SendMessage.text("bot", "u1", "hi")));
    get(client.getAllRobots());
    // Paced 2.5% under the limit ahead of time; admitted 2% under it on the HTTP thread.
    assertThat(reserved).containsExactly("openim/sendmsg 192", "openim_robot_http_svc/get_all_robots 192");
    assertThat(admitted).containsExactly("openim/sendmsg 192 on OkHttp", "openim_robot_http_svc/get_all_robots 192 on OkHttp");
  }

  @Test
  void rateLimiter_defaultsAre200PerSecondAnd100ForTheSlowApis() throws Exception {
    client = im.builder().build();
    im.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}");
          }
        });
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      calls.add(client.createRobot("@RBT#" + i, null, null));
    }
    for (int i = 0; i < 101; i++) {
      calls.add(client.checkAccounts(List.of("u" + i)));
    }
    // 200/s: a burst of 4, then 197/s; 100/s: a burst of 2, then 99/s — each API its own bucket.
    List<Duration> waits = im.clock.pendingDelays();
    assertThat(waits).hasSize(197 + 99);
    assertThat(waits.get(0).toNanos()).isBetween(5_000_000L, 5_100_000L);   // 1/197 s
    assertThat(waits).anyMatch(d -> d.toNanos() >= 10_000_000L && d.toNanos() <= 10_200_000L); // 1/99 s
    im.clock.advance(Duration.ofSeconds(2));
    for (CompletableFuture<?> c : calls) {
      get(c);
    }
  }

  @Test
  void batchSend_1200RecipientsGoOutAsThreeChunksAndMerge() throws Exception {
    client = im.builder().build();
    im.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode to = body(request).get("To_Account");
            String first = to.get(0).asText();
            if (first.equals("u0500")) {
              return answer(
                  "{\"ActionStatus\":\"SomeError\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"MsgKey\":\"key-" + first + "\","
                      + "\"ErrorList\":[{\"To_Account\":\"u0600\",\"ErrorCode\":70107},{\"To_Account\":\"u0601\",\"ErrorCode\":70107}]}");
            }
            return answer("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"MsgKey\":\"key-" + first + "\"}");
          }
        });
    List<String> to = IntStream.range(0, 1200).mapToObj(i -> String.format("u%04d", i)).toList();
    BatchSendResult result = get(client.batchSendMessage(to, SendMessage.text("bot", null, "notice")));

    List<JsonNode> bodies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest r = im.take();
      im.assertSigned(r, "openim", "batchsendmsg");
      bodies.add(body(r));
    }
    bodies.sort((a, b) -> a.get("To_Account").get(0).asText().compareTo(b.get("To_Account").get(0).asText()));
    assertThat(bodies).extracting(b -> b.get("To_Account").size()).containsExactly(500, 500, 200);
    assertThat(bodies).extracting(b -> b.get("MsgSeq").asLong()).containsOnly(bodies.get(0).get("MsgSeq").asLong());
    assertThat(bodies).extracting(b -> b.get("MsgRandom").asLong()).doesNotHaveDuplicates();
    assertThat(result.msgKeys()).containsExactly("key-u0000", "key-u0500", "key-u1000");
    assertThat(result.failures())
        .containsExactly(new ItemResult("u0600", 70107, ""), new ItemResult("u0601", 70107, ""));
    assertThat(im.server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void batchSend_aFailedChunkReportsEachOfItsRecipients() throws Exception {
    client = im.builder().build();
    im.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (body(request).get("To_Account").size() == 1) {
              return answer("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":90012,\"ErrorInfo\":\"invalid To_Account\"}");
            }
            return answer("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"MsgKey\":\"k\"}");
          }
        });
    List<String> to = IntStream.range(0, 501).mapToObj(i -> "u" + i).toList();
    BatchSendResult result = get(client.batchSendMessage(to, SendMessage.text("bot", null, "x")));
    assertThat(result.msgKeys()).containsExactly("k");
    assertThat(result.failures()).containsExactly(new ItemResult("u500", 90012, "invalid To_Account"));
  }

  @Test
  void secretsNeverAppearInExceptionsOrLogs() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger("dev.timbot");
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.DEBUG);
    // Without OkHttp's own silent retry, each attempt consumes exactly one queued answer.
    OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    try {
      client = im.builder().maxAttempts(2).okHttpClient(http).build();
      List<Throwable> errors = new ArrayList<>();
      // A sig error twice, an error text echoing the key, a 5xx run, a broken connection.
      im.fail(70009, "UserSig verify failed");
      im.fail(70009, "bad key " + KEY);
      errors.add(failure(client.getAllRobots()));
      im.status(500, "internal " + KEY);
      im.status(500, "internal");
      CompletableFuture<?> f = client.getAllRobots();
      im.awaitTimers(1);
      im.clock.advance(Duration.ofSeconds(1));
      errors.add(failure(f));
      for (int i = 0; i < 2; i++) {
        im.server.enqueue(
            new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
      }
      CompletableFuture<?> g = client.getAllRobots();
      im.awaitTimers(1);
      im.clock.advance(Duration.ofSeconds(1));
      errors.add(failure(g));

      List<String> sigs = new ArrayList<>();
      RecordedRequest r;
      while ((r = im.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
        if (r.getUrl() != null) {
          sigs.add(r.getUrl().queryParameter("usersig"));
        }
      }
      assertThat(sigs).isNotEmpty();
      List<String> secrets = new ArrayList<>(sigs);
      secrets.add(KEY);
      List<String> texts = new ArrayList<>();
      for (Throwable t : errors) {
        for (Throwable c = t; c != null; c = c.getCause()) {
          texts.add(String.valueOf(c.getMessage()));
          texts.add(c.toString());
        }
      }
      for (ILoggingEvent event : logs.list) {
        texts.add(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
          texts.add(event.getThrowableProxy().getMessage());
        }
      }
      assertThat(texts).isNotEmpty();
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("&usersig=REDACTED&random="));
      for (String text : texts) {
        for (String secret : secrets) {
          assertThat(text).doesNotContain(secret);
        }
      }
      assertThat(((ImException) errors.get(0)).errorInfo()).isEqualTo("bad key REDACTED");
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      root.detachAppender(logs);
      root.setLevel(before);
    }
  }

  @Test
  void sigFromTheUrlVerifiesAgainstTheServiceRules() throws Exception {
    client = im.builder().build();
    im.ok();
    get(client.getAllRobots());
    RecordedRequest r = im.take();
    UserSig.Decoded d = UserSig.verify(r.getUrl().queryParameter("usersig"), APP, ADMIN, KEY, im.clock.now());
    assertThat(d.expire()).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(
            () -> UserSig.verify(r.getUrl().queryParameter("usersig"), APP, ADMIN, KEY, im.clock.now().plus(Duration.ofDays(2))))
        .isInstanceOf(UserSigException.class);
  }
}
