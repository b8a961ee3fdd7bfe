package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.message.TextElem;
import dev.timbot.spi.ImMessages.SendMessage;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * What a send puts on the wire (issue 15 changed how the URL and the body are made, not what they
 * are): the request line, the Content-Type and the body bytes.
 */
class WireRequestTest {
  @Test
  void aSendOnTheWire() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"MsgTime\":1767225600,\"MsgKey\":\"k\"}")
          .build());
      TencentImClient client = TencentImClient.builder().sdkAppId(1400000000L)
          .secretKey("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e").admin("administrator")
          .baseUrl(server.url("/").toString()).random(new Random(7)).build();
      try {
        client.sendMessage(SendMessage.builder().from("bot").to("alice").msgSeq(1L).msgRandom(2L)
            .add(TextElem.of("hé \"你好\" \uD83D\uDE00")).build()).get(10, TimeUnit.SECONDS);
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(r.getRequestLine()).matches(
            "POST /v4/openim/sendmsg\\?sdkappid=1400000000&identifier=administrator&usersig=[A-Za-z0-9*_-]+"
                + "&random=\\d{1,10}&contenttype=json HTTP/1.1");
        assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.getBody().toByteArray()).isEqualTo(("{\"From_Account\":\"bot\",\"To_Account\":\"alice\","
            + "\"MsgSeq\":1,\"MsgRandom\":2,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":"
            + "{\"Text\":\"hé \\\"你好\\\" \uD83D\uDE00\"}}]}").getBytes(StandardCharsets.UTF_8));
      } finally {
        client.close();
      }
    }
  }
}
