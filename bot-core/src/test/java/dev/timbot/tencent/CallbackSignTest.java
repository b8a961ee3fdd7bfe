package dev.timbot.tencent;

import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.MsgReportCallback;
import dev.timbot.internal.callback.ReceivedCallback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbot.spi.BotClock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SdkAppid and Sign checks (tim-protocol.md §7.2), and that the token never leaks. */
class CallbackSignTest {
  static final long APP = 1400000000L;
  static final String TOKEN = "s3cr3t-Callback-Token-42";
  static final byte[] BODY =
      ("{\"CallbackCommand\":\"C2C.CallbackAfterMsgReport\",\"Report_Account\":\"jared\","
              + "\"Peer_Account\":\"Jonh\",\"LastReadTime\":1614754606,\"UnreadMsgNum\":7}")
          .getBytes(StandardCharsets.UTF_8);

  final VirtualClock clock = new VirtualClock(Instant.ofEpochSecond(1669872112));
  final List<ReceivedCallback> got = new ArrayList<>();
  final LogCapture logs = new LogCapture();
  final CallbackReceiver receiver =
      CallbackReceiver.builder()
          .sdkAppId(APP)
          .token(TOKEN)
          .clock(clock)
          .executor(Runnable::run)
          .sink(got::add)
          .build();

  @AfterEach
  void noSecretsInLogs() {
    logs.close();
    assertThat(logs.text()).doesNotContain(TOKEN);
  }

  static Map<String, String> query(long requestTime, String sign) {
    Map<String, String> q = new HashMap<>();
    q.put("SdkAppid", Long.toString(APP));
    q.put("CallbackCommand", "C2C.CallbackAfterMsgReport");
    q.put("contenttype", "json");
    q.put("ClientIP", "10.1.2.3");
    q.put("OptPlatform", "Web");
    if (sign != null) {
      q.put("Sign", sign);
      q.put("RequestTime", Long.toString(requestTime));
    }
    return q;
  }

  static JsonNode json(CallbackResponse r) throws Exception {
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void officialVector() {
    assertThat(CallbackReceiver.sign("xxxxyyyy", 1669872112L))
        .isEqualTo("17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061");
    // The intl page's typo'd token gives another sign (tim-protocol.md §7.2).
    assertThat(CallbackReceiver.sign("xxxyyy", 1669872112L))
        .isEqualTo("e78a85473bed2cdc8d6fa8c4d5a4ba4735fd64156e15a99516b9890293e135de");
  }

  @Test
  void officialVectorIsAcceptedByAReceiverWithThatToken() {
    CallbackReceiver official =
        CallbackReceiver.builder().sdkAppId(APP).token("xxxxyyyy").clock(clock)
            .executor(Runnable::run).sink(got::add).build();
    CallbackResponse r =
        official.handle(
            query(1669872112L, "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"),
            BODY);
    assertThat(r.status()).isEqualTo(200);
    assertThat(got).hasSize(1);
  }

  @Test
  void validSignIsAccepted() {
    long t = clock.now().getEpochSecond();
    CallbackResponse r = receiver.handle(query(t, CallbackReceiver.sign(TOKEN, t)), BODY);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(CallbackResponse.OK_BODY);
    assertThat(got).singleElement().extracting(ReceivedCallback::event).isInstanceOf(MsgReportCallback.class);
  }

  @Test
  void upperCaseHexSignIsAccepted() {
    long t = clock.now().getEpochSecond();
    CallbackResponse r =
        receiver.handle(query(t, CallbackReceiver.sign(TOKEN, t).toUpperCase()), BODY);
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void wrongSignIsRejected() throws Exception {
    long t = clock.now().getEpochSecond();
    String wrong = CallbackReceiver.sign(TOKEN + "x", t);
    CallbackResponse r = receiver.handle(query(t, wrong), BODY);
    assertThat(r.status()).isEqualTo(401);
    JsonNode body = json(r);
    assertThat(body.path("ActionStatus").asText()).isEqualTo("FAIL");
    assertThat(body.path("ErrorCode").asInt()).isEqualTo(401);
    assertThat(body.path("ErrorInfo").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain(TOKEN).doesNotContain(wrong);
    assertThat(logs.text()).doesNotContain(wrong).contains("refused callback");
    assertThat(got).isEmpty();
  }

  @Test
  void signForAnotherRequestTimeIsRejected() {
    long t = clock.now().getEpochSecond();
    CallbackResponse r = receiver.handle(query(t, CallbackReceiver.sign(TOKEN, t - 1)), BODY);
    assertThat(r.status()).isEqualTo(401);
    assertThat(got).isEmpty();
  }

  @Test
  void requestTimeSixtySecondsOffIsAcceptedSixtyOneIsNot() {
    long t = clock.now().getEpochSecond();
    clock.advance(Duration.ofSeconds(60));
    assertThat(receiver.handle(query(t, CallbackReceiver.sign(TOKEN, t)), BODY).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    CallbackResponse stale = receiver.handle(query(t, CallbackReceiver.sign(TOKEN, t)), BODY);
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.body()).contains("60 s");
    assertThat(got).hasSize(1);
  }

  @Test
  void requestTimeFromTheFutureIsRejected() {
    long t = clock.now().getEpochSecond() + 61;
    assertThat(receiver.handle(query(t, CallbackReceiver.sign(TOKEN, t)), BODY).status()).isEqualTo(401);
    assertThat(got).isEmpty();
  }

  @Test
  void missingSignWithTokenConfiguredIsRejected() throws Exception {
    CallbackResponse r = receiver.handle(query(0, null), BODY);
    assertThat(r.status()).isEqualTo(401);
    assertThat(json(r).path("ActionStatus").asText()).isEqualTo("FAIL");
    Map<String, String> onlySign = query(0, null);
    onlySign.put("Sign", CallbackReceiver.sign(TOKEN, clock.now().getEpochSecond()));
    assertThat(receiver.handle(onlySign, BODY).status()).isEqualTo(401);
    assertThat(got).isEmpty();
  }

  @Test
  void nonNumericRequestTimeIsRejected() {
    Map<String, String> q = query(0, "abc");
    q.put("RequestTime", "soon");
    assertThat(receiver.handle(q, BODY).status()).isEqualTo(401);
  }

  @Test
  void wrongOrMissingSdkAppidIsRejected() throws Exception {
    long t = clock.now().getEpochSecond();
    Map<String, String> q = query(t, CallbackReceiver.sign(TOKEN, t));
    q.put("SdkAppid", "1400000001");
    CallbackResponse r = receiver.handle(q, BODY);
    assertThat(r.status()).isEqualTo(403);
    assertThat(json(r).path("ErrorCode").asInt()).isEqualTo(403);
    q.remove("SdkAppid");
    assertThat(receiver.handle(q, BODY).status()).isEqualTo(403);
    q.put("SdkAppid", "not-a-number");
    assertThat(receiver.handle(q, BODY).status()).isEqualTo(403);
    assertThat(got).isEmpty();
  }

  @Test
  void withoutTokenNoSignIsNeededButSdkAppidStillIs() {
    CallbackReceiver open =
        CallbackReceiver.builder().sdkAppId(APP).clock(clock).executor(Runnable::run).sink(got::add).build();
    assertThat(open.verifiesSign()).isFalse();
    assertThat(open.handle(query(0, null), BODY).status()).isEqualTo(200);
    Map<String, String> q = query(0, null);
    q.put("SdkAppid", "42");
    assertThat(open.handle(q, BODY).status()).isEqualTo(403);
    assertThat(got).hasSize(1);
  }

  @Test
  void tokenNeverInLogsOrResponsesEvenWhenEverythingFails() {
    long t = clock.now().getEpochSecond();
    List<CallbackResponse> answers = new ArrayList<>();
    Map<String, String> q = query(t, TOKEN); // a careless sender puts the token in the URL
    answers.add(receiver.handle(q, BODY));
    q.put("RequestTime", TOKEN);
    answers.add(receiver.handle(q, BODY));
    answers.add(receiver.handle(query(t, CallbackReceiver.sign(TOKEN, t)), "{".getBytes(StandardCharsets.UTF_8)));
    for (CallbackResponse r : answers) {
      assertThat(r.status()).isNotEqualTo(200);
      assertThat(r.body()).doesNotContain(TOKEN);
    }
    assertThat(receiver.toString()).doesNotContain(TOKEN);
    assertThat(logs.text()).doesNotContain(TOKEN).doesNotContain(CallbackReceiver.sign(TOKEN, t));
  }

  @Test
  void builderRequiresAppIdAndSink() {
    assertThatThrownBy(() -> CallbackReceiver.builder().sink(got::add).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CallbackReceiver.builder().sdkAppId(APP).build())
        .isInstanceOf(IllegalStateException.class);
  }
}
