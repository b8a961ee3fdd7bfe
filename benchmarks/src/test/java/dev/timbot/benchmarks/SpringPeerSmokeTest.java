package dev.timbot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.test.Callbacks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spring Boot + community SDK peer, as {@link WrkBench} starts it: its own JVM from its
 * executable jar, replying over HTTPS to the TLS {@link ReplySink} that it trusts through the
 * sink's trust store. Skipped when the jar was not built (a {@code test}-only reactor run; {@code
 * mvn verify} builds it first).
 */
class SpringPeerSmokeTest {
  private static final Path JAR = Path.of("../benchmarks-spring/target/spring-peer.jar");
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path store;

  @Test
  void echoesASignedCallbackThroughTheSdkOverTlsAndRefusesBadOnes() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(JAR), "benchmarks-spring not packaged");
    Args args = new Args(new String[] {"--spring-jar=" + JAR});
    try (ReplySink sink = ReplySink.https().start();
        SutProcess peer = WrkBots.spawn("spring", args, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
            new HashMap<>(WrkBench.env(sink, WrkBench.storeUrl("file", store))), sink).awaitReady()) {
      assertThat(sink.baseUrl()).startsWith("https://");
      long now = System.currentTimeMillis() / 1000;

      HttpResponse<String> ok = post(peer.callbackUrl(), WrkBench.SDK_APP_ID, now, Callbacks.sign(WrkBench.TOKEN, now),
          "hello there, message 42");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("\"ActionStatus\":\"OK\"").contains("\"ErrorCode\":0");
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.replies() == 1);
      assertThat(sink.lastReply()).contains("\"From_Account\":\"" + WrkBench.BOT + "\"")
          .contains("\"To_Account\":\"smoke_user\"").contains("You said: hello there, message 42");
      assertThat(sink.connectionsOpened()).isPositive();

      HttpResponse<String> badSign = post(peer.callbackUrl(), WrkBench.SDK_APP_ID, now, "00" + "ab".repeat(31),
          "not from Tencent");
      assertThat(badSign.statusCode()).isEqualTo(401);
      assertThat(badSign.body()).contains("\"ActionStatus\":\"FAIL\"");
      HttpResponse<String> otherApp = post(peer.callbackUrl(), 1234L, now, Callbacks.sign(WrkBench.TOKEN, now),
          "another app");
      assertThat(otherApp.statusCode()).isEqualTo(403);
      Thread.sleep(300);
      assertThat(sink.replies()).as("refused callbacks are not echoed").isEqualTo(1);
    }
  }

  private HttpResponse<String> post(String url, long sdkAppId, long requestTime, String sign, String text)
      throws Exception {
    String body = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"smoke_user\",\"To_Account\":\""
        + WrkBench.BOT + "\",\"MsgSeq\":1,\"MsgRandom\":7,\"MsgTime\":" + requestTime + ",\"MsgKey\":\"1_7_"
        + requestTime + "\",\"MsgId\":\"144115-1\",\"OnlineOnlyFlag\":0,\"SendMsgResult\":0,\"ErrorInfo\":\"send msg"
        + " succeed\",\"UnreadMsgNum\":1,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text
        + "\"}}],\"CloudCustomData\":\"\",\"EventTime\":" + requestTime * 1000 + "}";
    URI uri = URI.create(url + "?SdkAppid=" + sdkAppId + "&CallbackCommand=Bot.OnC2CMessage&contenttype=json"
        + "&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=" + requestTime + "&Sign=" + sign);
    return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
