package dev.timbot.emulator.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.emulator.LocalIm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console protocol without a socket: every op, and every kind of bad input. */
class ConsoleSessionTest {
  VirtualClock clock = new VirtualClock();
  LocalIm im;

  @BeforeEach
  void start() {
    im = LocalIm.builder().clock(clock).start();
  }

  @AfterEach
  void stop() {
    im.stop();
  }

  /** One fake browser tab: what it sent back, and whether the server closed it. */
  final class Tab {
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();
    final ConsoleSession session = new ConsoleSession(im.users(), clock, text -> {
      try {
        frames.add(ConsoleJson.mapper().readTree(text));
      } catch (IOException e) {
        throw new AssertionError("server sent invalid JSON: " + text, e);
      }
    }, closed::incrementAndGet);

    /** Sends a request (single quotes allowed) and returns the last frame it produced. */
    JsonNode send(String json) {
      int before = frames.size();
      session.onText(json.replace('\'', '"'));
      assertThat(frames.size()).as("answer to " + json).isGreaterThan(before);
      return frames.get(frames.size() - 1);
    }

    /** Frames of {@code op} received so far. */
    List<JsonNode> of(String op) {
      return frames.stream().filter(f -> op.equals(f.path("op").asText())).toList();
    }

    Tab login(String user) {
      JsonNode r = send("{'op':'login','user':'" + user + "'}");
      assertThat(r.path("op").asText()).isEqualTo("login");
      return this;
    }
  }

  private static void assertError(JsonNode frame, String reason) {
    assertThat(frame.path("op").asText()).as(frame.toString()).isEqualTo("error");
    assertThat(frame.path("reason").asText()).as(frame.toString()).isEqualTo(reason);
    assertThat(frame.path("message").asText()).isNotEmpty();
  }

  @Test
  void badInputIsAnsweredNeverThrown() {
    Tab tab = new Tab();
    for (String bad : List.of("", "not json", "{", "[1,2]", "42", "null", "\"op\"", "{'op':", "\u0000\u0001")) {
      assertThatCode(() -> assertError(tab.send(bad), "bad_json")).as(bad).doesNotThrowAnyException();
    }
    assertError(tab.send("{'op':'frobnicate'}"), "unknown_op");
    assertError(tab.send("{}"), "unknown_op");
    assertError(tab.send("{'op':{'nested':true}}"), "unknown_op");
    assertError(tab.send("{'op':'send','conversationId':'C2Cbob','body':[]}"), "not_logged_in");
    assertError(tab.send("{'op':'" + "x".repeat(1000) + "'}"), "unknown_op");
    assertThat(tab.frames.get(tab.frames.size() - 1).path("message").asText().length()).isLessThan(100);

    String huge = "{'op':'ping','pad':'" + "x".repeat(ConsoleSession.MAX_REQUEST_CHARS) + "'}";
    assertError(tab.send(huge), "too_big");
    // Deeper than the wire mapper allows: refused as JSON, not a stack overflow.
    assertError(tab.send("[".repeat(10_000)), "bad_json");
    tab.session.onBinary();
    assertError(tab.frames.get(tab.frames.size() - 1), "bad_request");
    // Still usable afterwards.
    assertThat(tab.send("{'op':'ping'}").path("op").asText()).isEqualTo("pong");
  }

  @Test
  void requestIdsAreEchoed() {
    Tab tab = new Tab();
    assertThat(tab.send("{'op':'ping','id':7}").path("id").asInt()).isEqualTo(7);
    assertThat(tab.send("{'op':'ping','id':'abc'}").path("id").asText()).isEqualTo("abc");
    assertThat(tab.send("{'op':'nope','id':8}").path("id").asInt()).isEqualTo(8);
    assertThat(tab.send("{'op':'nope','id':8}").path("for").asText()).isEqualTo("nope");
    // Only short scalars come back.
    assertThat(tab.send("{'op':'ping','id':{'a':1}}").has("id")).isFalse();
    assertThat(tab.send("{'op':'ping','id':'" + "i".repeat(100) + "'}").has("id")).isFalse();
    assertThat(tab.send("{'op':'ping'}").path("now").asLong()).isEqualTo(clock.now().getEpochSecond());
  }

  @Test
  void loginIssuesAVerifiableSigAndSubscribes() {
    Tab tab = new Tab();
    JsonNode r = tab.send("{'op':'login','user':'alice','id':1}");
    assertThat(r.path("user").asText()).isEqualTo("alice");
    assertThat(r.path("sdkAppId").asLong()).isEqualTo(im.sdkAppId());
    assertThat(r.path("now").asLong()).isEqualTo(clock.now().getEpochSecond());
    assertThatCode(() -> im.users().verify("alice", r.path("userSig").asText())).doesNotThrowAnyException();
    assertThat(tab.session.user()).isEqualTo("alice");

    assertError(tab.send("{'op':'login'}"), "bad_request");
    assertError(tab.send("{'op':'login','user':'  '}"), "bad_request");
    assertError(tab.send("{'op':'login','user':5}"), "bad_request");
    JsonNode tooLong = tab.send("{'op':'login','user':'" + "u".repeat(33) + "'}");
    assertError(tooLong, "service");
    assertThat(tooLong.path("code").asInt()).isEqualTo(70402);
  }

  @Test
  void textRoundTripWithUnreadReadReceiptAndHistory() {
    Tab alice = new Tab().login("alice");
    Tab bob = new Tab().login("bob");

    JsonNode sent = alice.send("{'op':'send','id':1,'conversationId':'C2Cbob','body':"
        + "[{'MsgType':'TIMTextElem','MsgContent':{'Text':'<b>hi</b>'}}]}");
    assertThat(sent.path("op").asText()).isEqualTo("sent");
    JsonNode m = sent.path("message");
    assertThat(m.path("from").asText()).isEqualTo("alice");
    assertThat(m.path("conversationId").asText()).isEqualTo("C2Cbob");
    assertThat(m.path("key").asText()).isEqualTo(m.path("msgKey").asText()).isNotEmpty();
    assertThat(m.at("/body/0/MsgContent/Text").asText()).isEqualTo("<b>hi</b>");

    // Live: Bob gets it in the conversation with Alice; Alice's own tab gets the echo too.
    assertThat(bob.of("message")).singleElement().satisfies(f -> {
      assertThat(f.at("/message/conversationId").asText()).isEqualTo("C2Calice");
      assertThat(f.at("/message/key").asText()).isEqualTo(m.path("key").asText());
    });
    assertThat(alice.of("message")).hasSize(1);

    JsonNode list = bob.send("{'op':'conversations'}");
    assertThat(list.path("unreadTotal").asInt()).isEqualTo(1);
    assertThat(list.at("/items/0/conversationId").asText()).isEqualTo("C2Calice");
    assertThat(list.at("/items/0/type").asText()).isEqualTo("C2C");
    assertThat(list.at("/items/0/unread").asInt()).isEqualTo(1);
    assertThat(list.at("/items/0/last/key").asText()).isEqualTo(m.path("key").asText());

    JsonNode history = bob.send("{'op':'history','conversationId':'C2Calice'}");
    assertThat(history.path("messages")).hasSize(1);
    assertThat(history.at("/messages/0/peerRead").asBoolean()).isFalse();

    assertThat(bob.send("{'op':'read','conversationId':'C2Calice'}").path("op").asText()).isEqualTo("read");
    assertThat(alice.of("peerRead")).singleElement().satisfies(f -> {
      assertThat(f.path("conversationId").asText()).isEqualTo("C2Cbob");
      assertThat(f.path("peer").asText()).isEqualTo("bob");
      assertThat(f.path("readTime").asLong()).isGreaterThanOrEqualTo(m.path("time").asLong());
    });
    assertThat(bob.send("{'op':'conversations'}").path("unreadTotal").asInt()).isZero();
    assertThat(alice.send("{'op':'history','conversationId':'C2Cbob','max':1}").at("/messages/0/peerRead")
        .asBoolean()).isTrue();
  }

  @Test
  void sendValidatesTheBody() {
    Tab alice = new Tab().login("alice");
    new Tab().login("bob");
    for (String bad : List.of(
        "{'op':'send','conversationId':'C2Cbob'}",
        "{'op':'send','conversationId':'C2Cbob','body':{}}",
        "{'op':'send','conversationId':'C2Cbob','body':[]}",
        "{'op':'send','conversationId':'C2Cbob','body':[1]}",
        "{'op':'send','conversationId':'C2Cbob','body':[{'MsgType':'TIMTextElem'}]}",
        "{'op':'send','conversationId':'C2Cbob','body':[{'MsgType':7,'MsgContent':{}}]}",
        "{'op':'send','conversationId':'bob','body':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}",
        "{'op':'send','conversationId':'C2C','body':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}",
        "{'op':'send','body':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}",
        "{'op':'send','conversationId':'C2Cbob','body':["
            + "{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}},".repeat(21) + "{}]}",
        "{'op':'history'}",
        "{'op':'read','conversationId':''}")) {
      assertError(alice.send(bad), "bad_request");
    }
    // Service rules surface with the service's code.
    JsonNode noSuchUser = alice.send("{'op':'send','conversationId':'C2Cnobody','body':"
        + "[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}");
    assertError(noSuchUser, "service");
    assertThat(noSuchUser.path("code").asInt()).isNotZero();
    // Faces, customs and unknown element types go through as they are.
    JsonNode sent = alice.send("{'op':'send','conversationId':'C2Cbob','body':["
        + "{'MsgType':'TIMFaceElem','MsgContent':{'Index':0,'Data':'[smile]'}}]}");
    assertThat(sent.at("/message/body/0/MsgContent/Data").asText()).isEqualTo("[smile]");
    sent = alice.send("{'op':'send','conversationId':'C2Cbob','cloudCustomData':'cc','body':["
        + "{'MsgType':'TIMCustomElem','MsgContent':{'Data':'{\\\"version\\\":3,\\\"action\\\":0}','Desc':'','Ext':''}}]}");
    assertThat(sent.at("/message/body/0/MsgContent/Data").asText()).isEqualTo("{\"version\":3,\"action\":0}");
    assertThat(sent.at("/message/cloudCustomData").asText()).isEqualTo("cc");
  }

  @Test
  void recallOwnMessageWithinTwoMinutes() {
    Tab alice = new Tab().login("alice");
    Tab bob = new Tab().login("bob");
    String text = "{'op':'send','conversationId':'C2Cbob','body':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'oops'}}]}";
    String key = alice.send(text).at("/message/msgKey").asText();

    // Bob may not recall Alice's message.
    assertError(bob.send("{'op':'recall','conversationId':'C2Calice','msgKey':'" + key + "'}"), "service");
    assertError(alice.send("{'op':'recall','conversationId':'C2Cbob'}"), "bad_request");

    assertThat(alice.send("{'op':'recall','conversationId':'C2Cbob','msgKey':'" + key + "'}").path("op").asText())
        .isEqualTo("recall");
    for (Tab t : List.of(alice, bob)) {
      assertThat(t.of("recalled")).singleElement().satisfies(f -> {
        assertThat(f.at("/message/key").asText()).isEqualTo(key);
        assertThat(f.at("/message/recalled").asBoolean()).isTrue();
        assertThat(f.at("/message/body")).isEmpty();
      });
    }

    String late = alice.send(text).at("/message/msgKey").asText();
    clock.advance(Duration.ofSeconds(121));
    JsonNode tooLate = alice.send("{'op':'recall','conversationId':'C2Cbob','msgKey':'" + late + "'}");
    assertError(tooLate, "service");
    assertThat(tooLate.path("code").asInt()).isEqualTo(20016);
  }

  @Test
  void groupConversationsSendAndRecallBySeq() throws IOException {
    Tab alice = new Tab().login("alice");
    Tab bob = new Tab().login("bob");
    JsonNode created = rest("group_open_http_svc", "create_group", "{'Owner_Account':'alice','Type':'Public',"
        + "'Name':'Team','GroupId':'team1','MemberList':[{'Member_Account':'bob'}]}");
    assertThat(created.path("ErrorCode").asInt()).as(created.toString()).isZero();

    JsonNode sent = alice.send("{'op':'send','conversationId':'GROUPteam1','body':"
        + "[{'MsgType':'TIMTextElem','MsgContent':{'Text':'hello team'}}]}");
    JsonNode m = sent.path("message");
    assertThat(m.path("type").asText()).isEqualTo("GROUP");
    assertThat(m.path("groupId").asText()).isEqualTo("team1");
    assertThat(m.path("key").asText()).isEqualTo("seq:" + m.path("msgSeq").asLong());
    assertThat(bob.of("message")).singleElement()
        .satisfies(f -> assertThat(f.at("/message/conversationId").asText()).isEqualTo("GROUPteam1"));

    JsonNode list = bob.send("{'op':'conversations'}");
    assertThat(list.path("items")).anySatisfy(i -> {
      assertThat(i.path("conversationId").asText()).isEqualTo("GROUPteam1");
      assertThat(i.path("type").asText()).isEqualTo("GROUP");
      assertThat(i.path("name").asText()).isEqualTo("Team");
      assertThat(i.path("unread").asInt()).isEqualTo(1);
    });
    bob.send("{'op':'read','conversationId':'GROUPteam1'}");
    assertThat(bob.send("{'op':'conversations'}").path("unreadTotal").asInt()).isZero();

    assertError(alice.send("{'op':'recall','conversationId':'GROUPteam1'}"), "bad_request");
    alice.send("{'op':'recall','conversationId':'GROUPteam1','msgSeq':" + m.path("msgSeq").asLong() + "}");
    assertThat(bob.of("recalled")).hasSize(1);
    assertThat(bob.send("{'op':'history','conversationId':'GROUPteam1'}").at("/messages/0/recalled").asBoolean())
        .isTrue();
  }

  @Test
  void logoutStopsEventsAndRequiresLoginAgain() {
    Tab alice = new Tab().login("alice");
    Tab bob = new Tab().login("bob");
    assertThat(bob.send("{'op':'logout'}").path("op").asText()).isEqualTo("logout");
    assertThat(bob.session.user()).isNull();
    alice.send("{'op':'send','conversationId':'C2Cbob','body':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}");
    assertThat(bob.of("message")).isEmpty();
    assertError(bob.send("{'op':'conversations'}"), "not_logged_in");

    // Logging in as someone else on the same tab switches the subscription.
    bob.login("bob2");
    bob.login("bob");
    alice.send("{'op':'send','conversationId':'C2Cbob','body':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'y'}}]}");
    assertThat(bob.of("message")).hasSize(1);
  }

  @Test
  void kickClosesTheTab() throws IOException {
    Tab alice = new Tab().login("alice");
    JsonNode r = rest("im_open_login_svc", "kick", "{'UserID':'alice'}");
    assertThat(r.path("ErrorCode").asInt()).isZero();
    assertThat(alice.of("kicked")).hasSize(1);
    assertThat(alice.closed.get()).isEqualTo(1);
    assertThat(alice.session.user()).isNull();
    // The old sig is dead; the console can log in again with a fresh one.
    alice.login("alice");
  }

  private JsonNode rest(String service, String command, String json) throws IOException {
    Request req = new Request.Builder().url(im.restUrl(service, command))
        .post(RequestBody.create(json.replace('\'', '"'), MediaType.get("application/json"))).build();
    try (Response r = new OkHttpClient().newCall(req).execute()) {
      return ConsoleJson.mapper().readTree(r.body().string());
    }
  }
}
