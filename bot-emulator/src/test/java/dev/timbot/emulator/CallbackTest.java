package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.emulator.ImError;
import dev.timbot.message.TextElem;
import dev.timbot.emulator.GroupAt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every callback's URL parameters, signature and payload, and the before-callback verdicts. */
class CallbackTest {
  static final String TOKEN = "xxxxyyyy";
  VirtualClock clock = new VirtualClock();
  CallbackCapture target;
  LocalIm im;
  Rest rest;

  @BeforeEach
  void start() throws Exception {
    target = new CallbackCapture();
    im = LocalIm.builder().clock(clock).callbackUrl(target.url()).callbackToken(TOKEN).start();
    rest = new Rest(im);
    rest.accounts("jared", "Jonh");
  }

  @AfterEach
  void stop() throws Exception {
    im.stop();
    target.close();
  }

  private long now() {
    return clock.now().getEpochSecond();
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private void assertTransport(CallbackCapture.Received r, String command, String platform) throws Exception {
    assertThat(r.path()).isEqualTo("/tim/callback");
    assertThat(r.params()).containsEntry("SdkAppid", "1400000000")
        .containsEntry("CallbackCommand", command)
        .containsEntry("contenttype", "json")
        .containsEntry("ClientIP", "127.0.0.1")
        .containsEntry("OptPlatform", platform)
        .containsEntry("RequestTime", Long.toString(now()));
    assertThat(r.params().get("Sign")).isEqualTo(sha256(TOKEN + r.params().get("RequestTime")));
    assertThat(r.body().path("CallbackCommand").asText()).isEqualTo(command);
  }

  @Test
  void c2cBeforeAndAfterSendPayloads() throws Exception {
    JsonNode sent = rest.call("openim", "sendmsg", "{'From_Account':'jared','To_Account':'Jonh','MsgSeq':48374,"
        + "'MsgRandom':2837546,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'red packet'}}],"
        + "'CloudCustomData':'your cloud custom data'}");
    String key = "48374_2837546_" + now();
    assertThat(sent.path("MsgKey").asText()).isEqualTo(key);

    CallbackCapture.Received before = target.await("C2C.CallbackBeforeSendMsg");
    assertTransport(before, "C2C.CallbackBeforeSendMsg", "RESTAPI");
    JsonNode b = before.body();
    assertThat(b.path("From_Account").asText()).isEqualTo("jared");
    assertThat(b.path("To_Account").asText()).isEqualTo("Jonh");
    assertThat(b.path("MsgSeq").asLong()).isEqualTo(48374);
    assertThat(b.path("MsgRandom").asLong()).isEqualTo(2837546);
    assertThat(b.path("MsgTime").asLong()).isEqualTo(now());
    assertThat(b.path("MsgKey").asText()).isEqualTo(key);
    assertThat(b.path("MsgId").asText()).isEqualTo(sent.path("MsgId").asText());
    assertThat(b.path("OnlineOnlyFlag").asInt()).isZero();
    assertThat(b.has("SendMsgResult")).isFalse();
    assertThat(b.path("MsgBody").toString())
        .isEqualTo("[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"red packet\"}}]");
    assertThat(b.path("CloudCustomData").asText()).isEqualTo("your cloud custom data");

    CallbackCapture.Received after = target.await("C2C.CallbackAfterSendMsg");
    assertTransport(after, "C2C.CallbackAfterSendMsg", "RESTAPI");
    JsonNode a = after.body();
    assertThat(a.path("MsgKey").asText()).isEqualTo(key);
    assertThat(a.path("SendMsgResult").asInt()).isZero();
    assertThat(a.path("ErrorInfo").asText()).isEqualTo("send msg succeed");
    assertThat(a.path("UnreadMsgNum").asInt()).isEqualTo(1);
    assertThat(a.path("MsgBody")).isEqualTo(b.path("MsgBody"));
    // No robot involved: no Bot.OnC2CMessage.
    assertThat(target.of("Bot.OnC2CMessage")).isEmpty();
  }

  @Test
  void botOnC2CMessageForRobotRecipients() throws Exception {
    rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#001','Nick':'Jarvis'}");
    im.users().sendC2C("jared", "@RBT#001", List.of(TextElem.of("hello bot")), null);
    CallbackCapture.Received bot = target.await("Bot.OnC2CMessage");
    assertTransport(bot, "Bot.OnC2CMessage", "Web");
    assertThat(bot.body().path("From_Account").asText()).isEqualTo("jared");
    assertThat(bot.body().path("To_Account").asText()).isEqualTo("@RBT#001");
    assertThat(bot.body().path("SendMsgResult").asInt()).isZero();
    assertThat(bot.body().at("/MsgBody/0/MsgContent/Text").asText()).isEqualTo("hello bot");
    assertThat(bot.body().path("MsgKey").asText()).matches("\\d+_\\d+_" + now());
  }

  @Test
  void forbidCallbackControlAndBatchAndImportFireNothing() {
    rest.call("openim", "sendmsg", "{'From_Account':'jared','To_Account':'Jonh','MsgRandom':1,"
        + "'ForbidCallbackControl':['ForbidBeforeSendMsgCallback','ForbidAfterSendMsgCallback'],"
        + "'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'quiet'}}]}");
    rest.call("openim", "batchsendmsg", "{'From_Account':'jared','To_Account':['Jonh'],'MsgRandom':2,"
        + "'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'batch'}}]}");
    rest.call("openim", "importmsg", "{'SyncFromOldSystem':5,'From_Account':'jared','To_Account':'Jonh',"
        + "'MsgRandom':3,'MsgTimeStamp':1556178721,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'imp'}}]}");
    // A marker callback proves the queue drained past the (absent) ones.
    rest.call("openim", "sendmsg", "{'From_Account':'jared','To_Account':'Jonh','MsgRandom':4,"
        + "'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'marker'}}]}");
    target.await("C2C.CallbackAfterSendMsg");
    assertThat(target.received).extracting(r -> r.body().at("/MsgBody/0/MsgContent/Text").asText())
        .containsOnly("marker");
  }

  @Test
  void beforeCallbackRejectModifyDropAndPassThrough() {
    target.answer("C2C.CallbackBeforeSendMsg", b -> switch (b.at("/MsgBody/0/MsgContent/Text").asText()) {
      case "reject" -> "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"no\",\"ErrorCode\":1}";
      case "drop" -> "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":2}";
      case "custom" -> "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"not today\",\"ErrorCode\":120005}";
      case "modify" -> "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"MsgBody\":[{\"MsgType\":"
          + "\"TIMTextElem\",\"MsgContent\":{\"Text\":\"***\"}}],\"CloudCustomData\":\"new data\"}";
      default -> "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
    });
    assertThat(rest.sendText("jared", "Jonh", 1, "reject").path("ErrorCode").asInt()).isEqualTo(20006);
    JsonNode custom = rest.sendText("jared", "Jonh", 2, "custom");
    assertThat(custom.path("ErrorCode").asInt()).isEqualTo(120005);
    assertThat(custom.path("ErrorInfo").asText()).isEqualTo("not today");
    JsonNode dropped = rest.sendText("jared", "Jonh", 3, "drop");
    assertThat(dropped.path("ErrorCode").asInt()).isZero();
    assertThat(dropped.path("MsgKey").asText()).isNotEmpty();
    assertThat(rest.sendText("jared", "Jonh", 4, "modify").path("ErrorCode").asInt()).isZero();

    JsonNode history = rest.call("openim", "admin_getroammsg",
        "{'Operator_Account':'Jonh','Peer_Account':'jared','MaxCnt':10,'MinTime':0,'MaxTime':4000000000}");
    assertThat(history.path("MsgList")).hasSize(1);
    assertThat(history.at("/MsgList/0/MsgBody/0/MsgContent/Text").asText()).isEqualTo("***");
    assertThat(history.at("/MsgList/0/CloudCustomData").asText()).isEqualTo("new data");
    // The after-callback sees the modified message; rejected/dropped ones have none.
    CallbackCapture.Received after = target.await("C2C.CallbackAfterSendMsg");
    assertThat(after.body().at("/MsgBody/0/MsgContent/Text").asText()).isEqualTo("***");
    assertThat(target.of("C2C.CallbackAfterSendMsg")).hasSize(1);
  }

  @Test
  void groupCallbacksAndBotOnGroupMessage() throws Exception {
    rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#001'}");
    String gid = rest.call("group_open_http_svc", "create_group", "{'Owner_Account':'jared','Type':'Public','Name':'G',"
        + "'MemberList':[{'Member_Account':'@RBT#001'}]}").path("GroupId").asText();
    JsonNode join = rest.call("group_open_http_svc", "add_group_member",
        "{'GroupId':'" + gid + "','MemberList':[{'Member_Account':'Jonh'}]}");
    assertThat(join.at("/MemberList/0/Result").asInt()).isEqualTo(1);
    CallbackCapture.Received j = target.await("Group.CallbackAfterNewMemberJoin");
    assertTransport(j, "Group.CallbackAfterNewMemberJoin", "RESTAPI");
    assertThat(j.body().path("GroupId").asText()).isEqualTo(gid);
    assertThat(j.body().path("Type").asText()).isEqualTo("Public");
    assertThat(j.body().path("JoinType").asText()).isEqualTo("Invited");
    assertThat(j.body().path("Operator_Account").asText()).isEqualTo("administrator");
    assertThat(j.body().path("NewMemberList").toString()).isEqualTo("[{\"Member_Account\":\"Jonh\"}]");
    assertThat(j.body().path("EventTime").asLong()).isEqualTo(clock.now().toEpochMilli());

    JsonNode sent = rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','From_Account':'jared',"
        + "'Random':123456,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'@@RBT#001 hello'}}],"
        + "'GroupAtInfo':[{'GroupAtAllFlag':0,'GroupAt_Account':'@RBT#001'}],'CloudCustomData':'ccd'}");
    assertThat(sent.path("MsgSeq").asLong()).isEqualTo(1);

    JsonNode b = target.await("Group.CallbackBeforeSendMsg").body();
    assertThat(b.path("GroupId").asText()).isEqualTo(gid);
    assertThat(b.path("Type").asText()).isEqualTo("Public");
    assertThat(b.path("From_Account").asText()).isEqualTo("jared");
    assertThat(b.path("Operator_Account").asText()).isEqualTo("administrator");
    assertThat(b.path("Random").asLong()).isEqualTo(123456);
    assertThat(b.has("MsgSeq")).isFalse();
    assertThat(b.path("CloudCustomData").asText()).isEqualTo("ccd");

    CallbackCapture.Received after = target.await("Group.CallbackAfterSendMsg");
    assertTransport(after, "Group.CallbackAfterSendMsg", "RESTAPI");
    assertThat(after.body().path("MsgSeq").asLong()).isEqualTo(1);
    assertThat(after.body().path("MsgTime").asLong()).isEqualTo(now());
    assertThat(after.body().at("/GroupAtInfo/0/GroupAt_Account").asText()).isEqualTo("@RBT#001");

    JsonNode bot = target.await("Bot.OnGroupMessage").body();
    assertThat(bot.path("AtRobots_Account").toString()).isEqualTo("[\"@RBT#001\"]");
    assertThat(bot.path("MsgSeq").asLong()).isEqualTo(1);
    assertThat(bot.at("/MsgBody/0/MsgContent/Text").asText()).isEqualTo("@@RBT#001 hello");

    // @all does not wake the robot.
    rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','From_Account':'jared',"
        + "'Random':2,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'all'}}],'GroupAtInfo':[{'GroupAtAllFlag':1}]}");
    target.await("Group.CallbackAfterSendMsg", 2);
    assertThat(target.of("Bot.OnGroupMessage")).hasSize(1);

    rest.call("group_open_http_svc", "group_msg_recall", "{'GroupId':'" + gid + "','MsgSeqList':[{'MsgSeq':1}]}");
    JsonNode recall = target.await("Group.CallbackAfterRecallMsg").body();
    assertThat(recall.path("Operator_Account").asText()).isEqualTo("administrator");
    assertThat(recall.path("GroupId").asText()).isEqualTo(gid);
    assertThat(recall.path("Type").asText()).isEqualTo("Public");
    assertThat(recall.path("MsgSeqList").toString()).isEqualTo("[{\"MsgSeq\":1}]");

    rest.call("group_open_http_svc", "delete_group_member", "{'GroupId':'" + gid + "','MemberToDel_Account':['Jonh']}");
    JsonNode exit = target.await("Group.CallbackAfterMemberExit").body();
    assertThat(exit.path("ExitType").asText()).isEqualTo("Kicked");
    assertThat(exit.path("ExitMemberList").toString()).isEqualTo("[{\"Member_Account\":\"Jonh\"}]");
  }

  @Test
  void groupBeforeCallbackReject() {
    target.answer("Group.CallbackBeforeSendMsg", "{'ActionStatus':'OK','ErrorInfo':'','ErrorCode':1}");
    String gid = rest.call("group_open_http_svc", "create_group", "{'Owner_Account':'jared','Type':'Public','Name':'G'}")
        .path("GroupId").asText();
    assertThat(rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','From_Account':'jared',"
        + "'Random':1,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}").path("ErrorCode").asInt())
        .isEqualTo(10016);
    target.answer("Group.CallbackBeforeSendMsg", "{'ActionStatus':'OK','ErrorInfo':'mine','ErrorCode':10150}");
    // Codes 10100–10200 pass through to the sender.
    assertThatThrownBy(() -> im.users().sendGroup("jared", gid, List.of(TextElem.of("y")), null, List.<GroupAt>of()))
        .isInstanceOfSatisfying(ImError.class, e -> {
          assertThat(e.errorCode()).isEqualTo(10150);
          assertThat(e.errorInfo()).isEqualTo("mine");
        });
  }

  @Test
  void readWithdrawStateFriendBlacklistPortrait() throws Exception {
    String key = rest.sendText("jared", "Jonh", 2837546, "x").path("MsgKey").asText();
    rest.call("openim", "admin_set_msg_read", "{'Report_Account':'Jonh','Peer_Account':'jared','MsgReadTime':'" + now() + "'}");
    JsonNode report = target.await("C2C.CallbackAfterMsgReport").body();
    assertThat(report.path("Report_Account").asText()).isEqualTo("Jonh");
    assertThat(report.path("Peer_Account").asText()).isEqualTo("jared");
    assertThat(report.path("LastReadTime").asLong()).isEqualTo(now());
    assertThat(report.path("UnreadMsgNum").asInt()).isZero();

    rest.call("openim", "admin_msgwithdraw", "{'From_Account':'jared','To_Account':'Jonh','MsgKey':'" + key + "'}");
    JsonNode wd = target.await("C2C.CallbackAfterMsgWithDraw").body();
    assertThat(wd.path("From_Account").asText()).isEqualTo("jared");
    assertThat(wd.path("To_Account").asText()).isEqualTo("Jonh");
    assertThat(wd.path("MsgKey").asText()).isEqualTo(key);
    assertThat(wd.path("UnreadMsgNum").asInt()).isZero();

    im.users().login("webuser");
    CallbackCapture.Received state = target.await("State.StateChange");
    assertTransport(state, "State.StateChange", "Web");
    assertThat(state.body().path("Info").toString())
        .isEqualTo("{\"Action\":\"Login\",\"To_Account\":\"webuser\",\"Reason\":\"Register\"}");
    assertThat(state.body().path("EventTime").asLong()).isEqualTo(clock.now().toEpochMilli());
    im.users().logout("webuser");
    assertThat(target.await("State.StateChange", 2).body().at("/Info/Action").asText()).isEqualTo("Logout");

    rest.call("sns", "friend_add", "{'From_Account':'jared','AddFriendItem':[{'To_Account':'Jonh',"
        + "'AddSource':'AddSource_Type_Android'}],'ForceAddFlags':1}");
    JsonNode fa = target.await("Sns.CallbackFriendAdd").body();
    assertThat(fa.path("PairList").toString())
        .isEqualTo("[{\"From_Account\":\"jared\",\"To_Account\":\"Jonh\",\"Initiator_Account\":\"jared\"}]");
    assertThat(fa.path("ClientCmd").asText()).isEqualTo("friend_add");
    assertThat(fa.path("Admin_Account").asText()).isEqualTo("administrator");
    assertThat(fa.path("ForceFlag").asInt()).isEqualTo(1);
    rest.call("sns", "friend_delete", "{'From_Account':'jared','To_Account':['Jonh']}");
    assertThat(target.await("Sns.CallbackFriendDelete").body().at("/PairList/0/To_Account").asText()).isEqualTo("Jonh");

    rest.call("sns", "black_list_add", "{'From_Account':'jared','To_Account':['Jonh']}");
    JsonNode bl = target.await("Sns.CallbackBlackListAdd").body();
    assertThat(bl.path("PairList").toString()).isEqualTo("[{\"From_Account\":\"jared\",\"To_Account\":\"Jonh\"}]");
    rest.call("sns", "black_list_delete", "{'From_Account':'jared','To_Account':['Jonh']}");
    target.await("Sns.CallbackBlackListDelete");

    rest.call("profile", "portrait_set", "{'From_Account':'jared','ProfileItem':[{'Tag':'Tag_Profile_IM_Nick','Value':'nick1'},"
        + "{'Tag':'Tag_Profile_IM_Gender','Value':'Gender_Type_Male'}]}");
    JsonNode ps = target.await("Profile.CallbackPortraitSet").body();
    assertThat(ps.path("Operator_Account").asText()).isEqualTo("administrator");
    assertThat(ps.path("From_Account").asText()).isEqualTo("jared");
    assertThat(ps.path("ProfileItem").toString()).isEqualTo(
        "[{\"Tag\":\"Tag_Profile_IM_Nick\",\"Value\":\"nick1\"},{\"Tag\":\"Tag_Profile_IM_Gender\",\"Value\":\"Gender_Type_Male\"}]");
  }

  @Test
  void disabledCallbacksAreNotSent() {
    im.setEnabledCallbacks(java.util.Set.of("C2C.CallbackAfterSendMsg"));
    rest.sendText("jared", "Jonh", 1, "x");
    target.await("C2C.CallbackAfterSendMsg");
    assertThat(target.of("C2C.CallbackBeforeSendMsg")).isEmpty();
  }

  @Test
  void deadSlowOrGarbageTargetsDoNotBlockSends() throws Exception {
    // Down: nothing listens on the port.
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    im.setCallback("http://127.0.0.1:" + deadPort + "/cb", null);
    long t0 = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      assertThat(rest.sendText("jared", "Jonh", 100 + i, "m" + i).path("ErrorCode").asInt()).isZero();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));

    // Garbage: the before-callback answer is not JSON; the message is still delivered.
    target.answer("C2C.CallbackBeforeSendMsg", b -> "<html>oops</html>");
    im.setCallback(target.url(), TOKEN);
    // History orders by time, then MsgSeq (random here): move to a later second.
    clock.advance(Duration.ofSeconds(1));
    assertThat(rest.sendText("jared", "Jonh", 200, "after garbage").path("ErrorCode").asInt()).isZero();
    JsonNode history = rest.call("openim", "admin_getroammsg",
        "{'Operator_Account':'Jonh','Peer_Account':'jared','MaxCnt':1,'MinTime':0,'MaxTime':4000000000}");
    assertThat(history.at("/MsgList/0/MsgBody/0/MsgContent/Text").asText()).isEqualTo("after garbage");
  }

  @Test
  void slowBeforeCallbackTimesOutAfterTwoSecondsAndDelivers() {
    target.answer("C2C.CallbackBeforeSendMsg", b -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":1}";
    });
    long t0 = System.nanoTime();
    JsonNode r = rest.sendText("jared", "Jonh", 1, "slow");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(r.path("ErrorCode").asInt()).isZero();
    assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2900));
    assertThat(target.await("C2C.CallbackAfterSendMsg").body().at("/MsgBody/0/MsgContent/Text").asText()).isEqualTo("slow");
  }

  @Test
  void afterCallbacksKeepOrderPerConversation() throws Exception {
    im.setEnabledCallbacks(java.util.Set.of("C2C.CallbackAfterSendMsg"));
    for (int i = 1; i <= 30; i++) {
      rest.sendText("jared", "Jonh", i, "m" + i);
    }
    assertThat(im.awaitCallbacks(Duration.ofSeconds(5))).isTrue();
    assertThat(im.pendingCallbacks()).isZero();
    assertThat(target.of("C2C.CallbackAfterSendMsg")).extracting(r -> r.body().path("MsgRandom").asInt())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
  }

  @Test
  void failClosedPolicyRejectsWith80003() throws Exception {
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    try (LocalIm strict = LocalIm.builder().clock(clock).callbackUrl("http://127.0.0.1:" + deadPort + "/x")
        .beforeCallbackFailureRejects(true).start()) {
      Rest r = new Rest(strict);
      r.accounts("a", "b");
      assertThat(r.sendText("a", "b", 1, "x").path("ErrorCode").asInt()).isEqualTo(80003);
    }
  }

  @Test
  void clientJoinAndQuit() {
    String gid = rest.call("group_open_http_svc", "create_group", "{'Owner_Account':'jared','Type':'Public','Name':'G',"
        + "'ApplyJoinOption':'FreeAccess'}").path("GroupId").asText();
    im.users().joinGroup("Jonh", gid);
    JsonNode join = target.await("Group.CallbackAfterNewMemberJoin").body();
    assertThat(join.path("JoinType").asText()).isEqualTo("Apply");
    assertThat(join.path("Operator_Account").asText()).isEqualTo("Jonh");
    assertThat(target.await("Group.CallbackAfterNewMemberJoin").params()).containsEntry("OptPlatform", "Web");
    assertThatThrownBy(() -> im.users().quitGroup("jared", gid))
        .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(10009));
    im.users().quitGroup("Jonh", gid);
    JsonNode exit = target.await("Group.CallbackAfterMemberExit").body();
    assertThat(exit.path("ExitType").asText()).isEqualTo("Quit");
    assertThat(exit.path("ExitMemberList").toString()).isEqualTo("[{\"Member_Account\":\"Jonh\"}]");
  }
}
