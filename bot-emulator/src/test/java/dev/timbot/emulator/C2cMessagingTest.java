package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.emulator.ImError;
import dev.timbot.message.TextElem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** sendmsg, dedupe, batch, import, history, withdraw, read marks and the client-path checks. */
class C2cMessagingTest extends EmulatorTestBase {
  @Override
  String[] accounts() {
    return new String[] {"alice", "bob", "carol"};
  }

  private JsonNode roam(String op, String peer, String extra) {
    return rest.call("openim", "admin_getroammsg", "{'Operator_Account':'" + op + "','Peer_Account':'" + peer
        + "','MaxCnt':2,'MinTime':0,'MaxTime':4000000000" + extra + "}");
  }

  @Test
  void sendmsgAssignsTimeKeyAndId() {
    JsonNode r = rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'bob','MsgSeq':93847636,"
        + "'MsgRandom':1287657,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'hi'}}]}");
    long now = clock.now().getEpochSecond();
    assertThat(r.path("ActionStatus").asText()).isEqualTo("OK");
    assertThat(r.path("MsgTime").asLong()).isEqualTo(now);
    assertThat(r.path("MsgKey").asText()).isEqualTo("93847636_1287657_" + now);
    assertThat(r.path("MsgId").asText()).matches("\\d+-" + now + "-1287657");
    // Without MsgSeq the service picks one.
    JsonNode r2 = rest.sendText("alice", "bob", 5, "x");
    assertThat(r2.path("MsgKey").asText()).matches("\\d+_5_" + now);
  }

  @Test
  void sendmsgValidation() {
    String body = ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'hi'}}]}";
    assertThat(rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'bob'" + body)
        .path("ErrorCode").asInt()).isEqualTo(90005);
    assertThat(rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'bob','MsgRandom':'x'" + body)
        .path("ErrorCode").asInt()).isEqualTo(90005);
    assertThat(rest.sendText("alice", "nobody", 1, "x").path("ErrorCode").asInt()).isEqualTo(90012);
    assertThat(rest.sendText("nobody", "bob", 1, "x").path("ErrorCode").asInt()).isEqualTo(90008);
    assertThat(rest.call("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':1,'MsgBody':{}}")
        .path("ErrorCode").asInt()).isEqualTo(90007);
    assertThat(rest.call("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':1,'MsgLifeTime':604801" + body)
        .path("ErrorCode").asInt()).isEqualTo(90026);
    // Admin sends as itself when From_Account is absent; unknown element types pass through.
    JsonNode ok = rest.call("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':1,'MsgBody':[{'MsgType':"
        + "'TIMFutureElem','MsgContent':{'Whatever':[1,2]}}]}");
    assertThat(ok.path("ErrorCode").asInt()).isZero();
    JsonNode h = roam("bob", "administrator", "");
    assertThat(h.at("/MsgList/0/MsgBody/0").toString())
        .isEqualTo("{\"MsgType\":\"TIMFutureElem\",\"MsgContent\":{\"Whatever\":[1,2]}}");
  }

  @Test
  void duplicateWithin120sIsDeliveredOnceAndAgainAfter() {
    List<ClientMessage> got = new CopyOnWriteArrayList<>();
    im.users().subscribe("bob", new ImUserListener() {
      @Override
      public void onMessage(ClientMessage m) {
        got.add(m);
      }
    });
    String send = "{'From_Account':'alice','To_Account':'bob','MsgSeq':7,'MsgRandom':99,"
        + "'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'same'}}]}";
    JsonNode first = rest.call("openim", "sendmsg", send);
    clock.advance(Duration.ofSeconds(60));
    JsonNode retry = rest.call("openim", "sendmsg", send);
    assertThat(retry.path("MsgKey").asText()).isEqualTo(first.path("MsgKey").asText());
    assertThat(retry.path("MsgTime").asLong()).isEqualTo(first.path("MsgTime").asLong());
    assertThat(got).hasSize(1);
    // Different content is a different message even with the same seq/random.
    rest.call("openim", "sendmsg", send.replace("same", "other"));
    assertThat(got).hasSize(2);

    clock.advance(Duration.ofSeconds(61));
    JsonNode later = rest.call("openim", "sendmsg", send);
    assertThat(later.path("MsgKey").asText()).isNotEqualTo(first.path("MsgKey").asText());
    assertThat(got).hasSize(3);
    assertThat(roam("bob", "alice", "").path("MsgList")).hasSize(2);
  }

  @Test
  void historyPagesBackInTimeOldestFirstWithinAPageAndShowsRecall() {
    for (int i = 1; i <= 5; i++) {
      rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'bob','MsgSeq':" + i + ",'MsgRandom':" + i
          + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'m" + i + "'}}]}");
      clock.advance(Duration.ofSeconds(1));
    }
    JsonNode p1 = roam("bob", "alice", "");
    assertThat(p1.path("Complete").asInt()).isZero();
    assertThat(p1.path("MsgCnt").asInt()).isEqualTo(2);
    // The documented example: a page is oldest first and LastMsgKey is its first (oldest) item.
    assertThat(p1.at("/MsgList/0/MsgBody/0/MsgContent/Text").asText()).isEqualTo("m4");
    assertThat(p1.at("/MsgList/1/MsgBody/0/MsgContent/Text").asText()).isEqualTo("m5");
    JsonNode first = p1.at("/MsgList/0");
    assertThat(p1.path("LastMsgKey").asText()).isEqualTo(first.path("MsgKey").asText());
    assertThat(p1.path("LastMsgTime").asLong()).isEqualTo(first.path("MsgTimeStamp").asLong());

    JsonNode p2 = roam("bob", "alice", ",'MaxTime':" + p1.path("LastMsgTime").asLong()
        + ",'LastMsgKey':'" + p1.path("LastMsgKey").asText() + "'");
    assertThat(p2.at("/MsgList/1/MsgBody/0/MsgContent/Text").asText()).isEqualTo("m3");
    JsonNode p3 = roam("bob", "alice", ",'MaxTime':" + p2.path("LastMsgTime").asLong()
        + ",'LastMsgKey':'" + p2.path("LastMsgKey").asText() + "'");
    assertThat(p3.path("Complete").asInt()).isEqualTo(1);
    assertThat(p3.path("MsgCnt").asInt()).isEqualTo(1);
    assertThat(p3.at("/MsgList/0/MsgBody/0/MsgContent/Text").asText()).isEqualTo("m1");

    String key = p3.at("/MsgList/0/MsgKey").asText();
    assertThat(p3.at("/MsgList/0/MsgFlagBits").asInt()).isZero();
    assertThat(p3.at("/MsgList/0/From_Account").asText()).isEqualTo("alice");
    assertThat(rest.call("openim", "admin_msgwithdraw",
        "{'From_Account':'alice','To_Account':'bob','MsgKey':'" + key + "'}").path("ErrorCode").asInt()).isZero();
    JsonNode after = roam("alice", "bob", ",'MaxCnt':10");
    JsonNode recalled = after.at("/MsgList/0");
    assertThat(recalled.path("MsgKey").asText()).isEqualTo(key);
    assertThat(recalled.path("MsgFlagBits").asInt()).isEqualTo(8);
    assertThat(after.at("/MsgList/1/MsgFlagBits").asInt()).isZero();
  }

  @Test
  void withdrawErrors() {
    String key = rest.sendText("alice", "bob", 1, "oops").path("MsgKey").asText();
    String req = "{'From_Account':'alice','To_Account':'bob','MsgKey':'" + key + "'}";
    assertThat(rest.call("openim", "admin_msgwithdraw", req).path("ErrorCode").asInt()).isZero();
    assertThat(rest.call("openim", "admin_msgwithdraw", req).path("ErrorCode").asInt()).isEqualTo(20023);
    assertThat(rest.call("openim", "admin_msgwithdraw",
        "{'From_Account':'alice','To_Account':'bob','MsgKey':'1_2_3'}").path("ErrorCode").asInt()).isEqualTo(20022);
    // Only the sender's direction matches.
    assertThat(rest.call("openim", "admin_msgwithdraw",
        "{'From_Account':'bob','To_Account':'alice','MsgKey':'" + key + "'}").path("ErrorCode").asInt()).isEqualTo(20022);
  }

  @Test
  void readMarksUnreadAndIsPeerRead() {
    rest.sendText("alice", "bob", 1, "a");
    rest.sendText("alice", "bob", 2, "b");
    rest.sendText("carol", "bob", 3, "c");
    JsonNode u = rest.call("openim", "get_c2c_unread_msg_num", "{'To_Account':'bob','Peer_Account':['alice','carol','ghost']}");
    assertThat(u.path("AllC2CUnreadMsgNum").asInt()).isEqualTo(3);
    assertThat(u.at("/C2CUnreadMsgNumList/0/C2CUnreadMsgNum").asInt()).isEqualTo(2);
    assertThat(u.at("/C2CUnreadMsgNumList/1/C2CUnreadMsgNum").asInt()).isEqualTo(1);
    assertThat(u.at("/ErrorList/0/Peer_Account").asText()).isEqualTo("ghost");
    assertThat(u.at("/ErrorList/0/ErrorCode").asInt()).isEqualTo(70107);

    assertThat(roam("alice", "bob", "").at("/MsgList/0/IsPeerRead").asInt()).isZero();
    assertThat(rest.call("openim", "admin_set_msg_read", "{'Report_Account':'bob','Peer_Account':'alice'}")
        .path("ErrorCode").asInt()).isZero();
    assertThat(rest.call("openim", "get_c2c_unread_msg_num", "{'To_Account':'bob'}").path("AllC2CUnreadMsgNum").asInt())
        .isEqualTo(1);
    // A conversation read mark is not a read receipt: IsPeerRead stays 0 until bob sends one.
    JsonNode a = roam("alice", "bob", "").at("/MsgList/0");
    assertThat(a.path("IsPeerRead").asInt()).isZero();
    // A receipt counts only for a message that asked for one (IsNeedReadReceipt: 1).
    assertThat(im.users().sendReadReceipt("bob", "C2Calice", a.path("MsgKey").asText())).isFalse();
    assertThat(roam("alice", "bob", "").at("/MsgList/0/IsPeerRead").asInt()).isZero();
    String asking = rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'bob','MsgRandom':9,"
        + "'IsNeedReadReceipt':1,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'read me'}}]}")
        .path("MsgKey").asText();
    assertThat(im.users().sendReadReceipt("bob", "C2Calice", asking)).isTrue();
    JsonNode page = roam("alice", "bob", "");
    for (JsonNode m : page.path("MsgList")) {
      assertThat(m.path("IsPeerRead").asInt()).as(m.path("MsgKey").asText())
          .isEqualTo(m.path("MsgKey").asText().equals(asking) ? 1 : 0);
    }
  }

  @Test
  void batchPartialFailureShape() {
    JsonNode r = rest.call("openim", "batchsendmsg", "{'From_Account':'alice','To_Account':['bob','rong','carol'],"
        + "'MsgRandom':19,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'all'}}]}");
    assertThat(r.path("ActionStatus").asText()).isEqualTo("SomeError");
    assertThat(r.path("ErrorCode").asInt()).isZero();
    assertThat(r.path("MsgKey").asText()).matches("\\d+_19_\\d+");
    assertThat(r.path("ErrorList").toString()).isEqualTo("[{\"To_Account\":\"rong\",\"ErrorCode\":70107}]");
    assertThat(roam("carol", "alice", "").path("MsgList")).hasSize(1);

    JsonNode ok = rest.call("openim", "batchsendmsg", "{'From_Account':'alice','To_Account':['bob'],"
        + "'MsgRandom':20,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'one'}}]}");
    assertThat(ok.path("ActionStatus").asText()).isEqualTo("OK");
    assertThat(ok.has("ErrorList")).isFalse();
    JsonNode fail = rest.call("openim", "batchsendmsg", "{'From_Account':'alice','To_Account':['x1'],"
        + "'MsgRandom':20,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'one'}}]}");
    assertThat(fail.path("ErrorCode").asInt()).isEqualTo(90012);
  }

  @Test
  void importmsgKeepsTimeAndIgnoresDuplicates() {
    String imp = "{'SyncFromOldSystem':2,'From_Account':'alice','To_Account':'bob','MsgSeq':827092,"
        + "'MsgRandom':1287657,'MsgTimeStamp':1556178721,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'old'}}]}";
    assertThat(rest.call("openim", "importmsg", imp).path("ErrorCode").asInt()).isZero();
    assertThat(rest.call("openim", "importmsg", imp).path("ErrorCode").asInt()).isZero();
    JsonNode h = roam("bob", "alice", "");
    assertThat(h.path("MsgList")).hasSize(1);
    assertThat(h.at("/MsgList/0/MsgTimeStamp").asLong()).isEqualTo(1556178721L);
    assertThat(h.at("/MsgList/0/MsgKey").asText()).isEqualTo("827092_1287657_1556178721");
    // History imports do not count as unread.
    assertThat(rest.call("openim", "get_c2c_unread_msg_num", "{'To_Account':'bob'}").path("AllC2CUnreadMsgNum").asInt()).isZero();
    assertThat(rest.call("openim", "importmsg", imp.replace("'SyncFromOldSystem':2,", "")).path("ErrorCode").asInt())
        .isEqualTo(90030);
    assertThat(rest.call("openim", "importmsg", imp.replace("'MsgTimeStamp':1556178721,", "")).path("ErrorCode").asInt())
        .isEqualTo(90006);
  }

  @Test
  void blacklistStopsClientSendsButNotRest() {
    rest.call("sns", "black_list_add", "{'From_Account':'bob','To_Account':['alice']}");
    assertThatThrownBy(() -> im.users().sendC2C("alice", "bob", List.of(TextElem.of("hi")), null))
        .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(20007));
    // bob can still write to alice, and REST sendmsg does not check the blacklist.
    im.users().sendC2C("bob", "alice", List.of(TextElem.of("hey")), null);
    assertThat(rest.sendText("alice", "bob", 1, "rest").path("ErrorCode").asInt()).isZero();
    rest.call("sns", "black_list_delete", "{'From_Account':'bob','To_Account':['alice']}");
    im.users().sendC2C("alice", "bob", List.of(TextElem.of("again")), null);
  }

  @Test
  void friendshipRequiredWhenConfigured() {
    LocalIm strict = LocalIm.builder().clock(clock).requireFriendship(true).start();
    try {
      Rest r = new Rest(strict);
      r.accounts("a", "b", "@RBT#1");
      r.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#1'}");
      assertThatThrownBy(() -> strict.users().sendC2C("a", "b", List.of(TextElem.of("hi")), null))
          .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(20009));
      r.call("sns", "friend_add", "{'From_Account':'a','AddFriendItem':[{'To_Account':'b','AddSource':'AddSource_Type_Test'}],'ForceAddFlags':1}");
      strict.users().sendC2C("a", "b", List.of(TextElem.of("hi")), null);
      // Robots skip the friendship check.
      strict.users().sendC2C("a", "@RBT#1", List.of(TextElem.of("bot?")), null);
    } finally {
      strict.stop();
    }
  }

  @Test
  void syncAndLifetimeControls() {
    String text = ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}";
    // SyncOtherMachine 2: not in the sender's roaming, still in the recipient's.
    rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'bob','MsgRandom':1,'SyncOtherMachine':2" + text);
    assertThat(roam("alice", "bob", "").path("MsgList")).isEmpty();
    assertThat(roam("bob", "alice", "").path("MsgList")).hasSize(1);
    // MsgLifeTime 0 / OnlineOnlyFlag 1: delivered to online clients, never stored.
    List<ClientMessage> live = new CopyOnWriteArrayList<>();
    im.users().subscribe("carol", new ImUserListener() {
      @Override
      public void onMessage(ClientMessage m) {
        live.add(m);
      }
    });
    rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'carol','MsgRandom':2,'MsgLifeTime':0" + text);
    rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'carol','MsgRandom':3,'OnlineOnlyFlag':1" + text);
    assertThat(live).hasSize(2);
    assertThat(roam("carol", "alice", "").path("MsgList")).isEmpty();
    // NoUnread: stored but not counted.
    rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'carol','MsgRandom':4,'SendMsgControl':['NoUnread']" + text);
    assertThat(rest.call("openim", "get_c2c_unread_msg_num", "{'To_Account':'carol'}").path("AllC2CUnreadMsgNum").asInt()).isZero();
    assertThat(roam("carol", "alice", "").path("MsgList")).hasSize(1);
  }
}
