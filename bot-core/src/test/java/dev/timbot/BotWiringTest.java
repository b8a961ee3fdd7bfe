package dev.timbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring end to end on loopback: config → TencentImClient (against MockWebServer
 * standing in for the REST API) and the bot's own HTTP server (callbacks in, media out).
 */
class BotWiringTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final MockWebServer rest = new MockWebServer();
  final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonNode> sends = new LinkedBlockingQueue<>();
  @TempDir Path media;
  Bot bot;

  @BeforeEach
  void startRest() throws Exception {
    rest.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        calls.add(path);
        String extra = "";
        try {
          if (path.endsWith("/account_check")) {
            extra = ",\"ResultItem\":[{\"UserID\":\"echo\",\"ResultCode\":0,\"AccountStatus\":\"Imported\"}]";
          } else if (path.endsWith("/sendmsg")) {
            sends.add(JSON.readTree(r.getBody().utf8()));
            extra = ",\"MsgTime\":1767225600,\"MsgKey\":\"1_2_1767225600\",\"MsgId\":\"m-1\"";
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0" + extra + "}").build();
      }
    });
    rest.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    if (bot != null) {
      bot.stop();
    }
    rest.close();
  }

  static byte[] png() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void aCallbackOverHttpIsAnsweredThroughTheRestApiAndMediaIsServed() throws Exception {
    byte[] png = png();
    String yaml = """
        tim: {sdkAppId: 1400000000, secretKey: k3y, admin: administrator, baseUrl: '%s'}
        bot: {account: echo, nick: Echo}
        callback: {host: 127.0.0.1, port: 0, allowUnsigned: true}
        media: {dir: '%s', publicBaseUrl: 'http://127.0.0.1/m'}
        """.formatted(rest.url("/").toString(), media);
    bot = Bot.builder().config(BotConfig.parse(yaml))
        .plugin((Plugin) on -> {
          on.command("pic", ctx -> ctx.replyImage(png)).priority(0).block();
          on.text(ctx -> ctx.reply("You said: " + ctx.text())).priority(2);
        })
        .build();
    bot.start();
    assertThat(calls.poll(5, TimeUnit.SECONDS)).isEqualTo("/v4/im_open_login_svc/account_import");
    assertThat(calls.poll(5, TimeUnit.SECONDS)).isEqualTo("/v4/profile/portrait_set");
    assertThat(calls.poll(5, TimeUnit.SECONDS)).isEqualTo("/v4/im_open_login_svc/account_check");

    URI url = bot.callbackUrl().orElseThrow();
    String body = """
        {"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"alice","To_Account":"echo",
         "MsgSeq":1,"MsgRandom":2,"MsgTime":1767225600,"MsgKey":"1_2_1767225600","SendMsgResult":0,
         "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}]}""";
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create(url
            + "?SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).contains("\"ActionStatus\":\"OK\"");

    JsonNode sent = sends.poll(10, TimeUnit.SECONDS);
    assertThat(sent).isNotNull();
    assertThat(sent.path("From_Account").asText()).isEqualTo("echo");
    assertThat(sent.path("To_Account").asText()).isEqualTo("alice");
    assertThat(sent.path("MsgBody").get(0).path("MsgContent").path("Text").asText()).isEqualTo("You said: hello");

    // Media: the stored file is served by the bot's own HTTP server under media.path.
    String picBody = body.replace("hello", "/pic").replace("\"MsgSeq\":1", "\"MsgSeq\":5")
        .replace("1_2_1767225600", "5_2_1767225600");
    http.send(HttpRequest.newBuilder(URI.create(url
            + "?SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json"))
        .POST(HttpRequest.BodyPublishers.ofString(picBody)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode image = sends.poll(10, TimeUnit.SECONDS);
    String imageUrl = image.path("MsgBody").get(0).path("MsgContent").path("ImageInfoArray").get(0).path("URL").asText();
    assertThat(imageUrl).startsWith("http://127.0.0.1/m/");
    URI local = url.resolve("/timbot/media/" + imageUrl.substring(imageUrl.lastIndexOf('/') + 1));
    HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(local).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(png);
    assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(http.send(HttpRequest.newBuilder(url.resolve("/timbot/media/../../etc/passwd")).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(400, 404);

    bot.stop();
    assertThat(bot.callbackUrl()).isEmpty();
    assertThat(bot.im().getFriends("echo")).failsWithin(Duration.ofSeconds(1));
    bot = null;
  }
}
