package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.message.TextElem;
import dev.timbot.internal.rest.TencentImClient;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The documented REST examples against both sides: the emulator accepts every documented
 * request and answers with the documented response shape; bot-core's client parses every
 * documented response.
 */
class ContractRestTest {
  static final JsonNode EXAMPLES = DocExamples.load("rest.json");
  /** Fields the documented response shows for a situation the test does not set up. */
  static final Map<String, Set<String>> SOMETIMES_ABSENT = Map.of(
      // Detail only for online users; ErrorList only for unknown accounts.
      "openim/query_online_status", Set.of("Detail", "ErrorList"));

  @Test
  void theEmulatorAcceptsTheDocumentedRequestsAndAnswersTheDocumentedShapes() {
    try (LocalIm im = LocalIm.start()) {
      Rest rest = new Rest(im);
      rest.accounts("UserID_1", "lumotuwe1", "lumotuwe2", "leckie", "bob", "peter", "tommy", "id", "id1", "id2");
      Map<String, List<String>> mismatches = new LinkedHashMap<>();
      for (Iterator<String> it = EXAMPLES.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        String api = name.contains("#") ? name.substring(0, name.indexOf('#')) : name;
        String[] parts = api.split("/");
        JsonNode doc = EXAMPLES.get(name);
        JsonNode actual = rest.post(im.restUrl(parts[0], parts[1]), doc.get("request").toString());
        List<String> diff = new ArrayList<>(DocExamples.shapeMismatches(doc.get("response"), actual,
            SOMETIMES_ABSENT.getOrDefault(api, Set.of())));
        if (actual.path("ErrorCode").asInt() != doc.at("/response/ErrorCode").asInt()
            || !actual.path("ActionStatus").asText().equals(doc.at("/response/ActionStatus").asText())) {
          diff.add("answered " + actual);
        }
        if (!diff.isEmpty()) {
          mismatches.put(name, diff);
        }
      }
      assertThat(mismatches).isEmpty();
    }
  }

  @Test
  void botCoreParsesTheDocumentedResponses() throws Exception {
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/v4/", exchange -> {
      String api = exchange.getRequestURI().getPath().substring("/v4/".length());
      exchange.getRequestBody().readAllBytes();
      byte[] body = EXAMPLES.path(api).path("response").toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    stub.start();
    try (TencentImClient client = TencentImClient.builder().sdkAppId(1400000000L).secretKey("k3y")
        .admin("administrator").baseUrl("http://127.0.0.1:" + stub.getAddress().getPort()).maxAttempts(1).build()) {
      client.importAccount("test", "test", "http://www.qq.com").get(10, TimeUnit.SECONDS);
      assertThat(client.importAccounts(List.of("test1", "test2")).get(10, TimeUnit.SECONDS)).isEmpty();

      SendResult sent = client.sendMessage(SendMessage.text("lumotuwe1", "lumotuwe2", "hi, beauty"))
          .get(10, TimeUnit.SECONDS);
      assertThat(sent.msgKey()).isEqualTo("89541_2574206_1572870301");
      assertThat(sent.msgTime()).isEqualTo(Instant.ofEpochSecond(1572870301));

      BatchSendResult batch = client.batchSendMessage(List.of("lumotuwe2", "rong"),
          SendMessage.text("lumotuwe1", "lumotuwe2", "hi, beauty")).get(10, TimeUnit.SECONDS);
      assertThat(batch.msgKeys()).contains("4852_28135_1579678877");
      assertThat(batch.failures()).singleElement().satisfies(f -> assertThat(f.toString()).contains("rong", "70107"));

      RoamPage page = client.getRoamMessages(RoamQuery.of("user2", "user1", 100, Instant.EPOCH,
          Instant.ofEpochSecond(1584673200))).get(10, TimeUnit.SECONDS);
      assertThat(page.complete()).isTrue();
      assertThat(page.lastMsgKey()).isEqualTo("549396494_2578554_1584669680");
      assertThat(page.messages()).singleElement().satisfies(m -> {
        assertThat(m.message().from()).isEqualTo("user1");
        assertThat(m.message().text()).isEqualTo("msg 1");
        assertThat(m.message().cloudCustomData()).isEqualTo("your cloud custom data");
      });

      assertThat(client.createGroup("Public", "TestGroup", "leckie", List.of("bob", "peter"), "MyFirstGroup")
          .get(10, TimeUnit.SECONDS)).isEqualTo("MyFirstGroup");
      GroupSendResult g = client.sendGroupMessage(GroupMessage.builder().groupId("MyFirstGroup").from("leckie")
          .add(TextElem.of("red packet")).build()).get(10, TimeUnit.SECONDS);
      assertThat(g.msgSeq()).isEqualTo(1);
      assertThat(g.msgTime()).isEqualTo(Instant.ofEpochSecond(1497249503));

      assertThat(client.getAllRobots().get(10, TimeUnit.SECONDS)).containsExactly("@RBT#001", "@RBT#002");
      var online = client.queryOnlineStatus(List.of("id1", "id2", "id4")).get(10, TimeUnit.SECONDS);
      assertThat(online.statuses()).extracting(s -> s.account() + "=" + s.status())
          .containsExactly("id1=Online", "id2=Offline");
      assertThat(online.statuses().get(0).detail()).hasSize(2);
      assertThat(online.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(70107));
      assertThat(client.addFriends("id", List.of("id1"), true).get(10, TimeUnit.SECONDS))
          .singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
      assertThat(client.getBlacklist("id").get(10, TimeUnit.SECONDS)).singleElement().satisfies(b -> {
        assertThat(b.account()).isEqualTo("id1");
        assertThat(b.addedAt()).isEqualTo(Instant.ofEpochSecond(1430000001));
      });
      assertThat(client.getProfiles(List.of("id1"), List.of("Tag_Profile_IM_Nick")).get(10, TimeUnit.SECONDS))
          .singleElement().satisfies(u -> assertThat(u.tags()).containsEntry("Tag_Profile_IM_Nick", "NickNameTest1"));
      assertThat(client.addGroupMembers("MyFirstGroup", List.of("tommy"), true).get(10, TimeUnit.SECONDS))
          .singleElement().satisfies(r -> assertThat(r.id()).isEqualTo("tommy"));
      assertThat(client.recallGroupMessages("MyFirstGroup", List.of(100L, 1L)).get(10, TimeUnit.SECONDS))
          .extracting(r -> r.id() + ":" + r.code()).containsExactly("100:10030", "1:0");
      var history = client.getGroupHistory("MyFirstGroup", null, 2).get(10, TimeUnit.SECONDS);
      assertThat(history.complete()).isTrue();
      assertThat(history.messages()).singleElement().satisfies(h -> {
        assertThat(h.placeholder()).isZero();
        assertThat(h.message().from()).isEqualTo("144115197276518801");
        assertThat(h.message().msgSeq()).isEqualTo(7803321L);
        assertThat(h.message().msgRandom()).isEqualTo(51083293L);
        assertThat(h.message().time()).isEqualTo(Instant.ofEpochSecond(1458721802));
        assertThat(h.message().elements()).hasSize(1);
      });
    } finally {
      stub.stop(0);
    }
  }
}
