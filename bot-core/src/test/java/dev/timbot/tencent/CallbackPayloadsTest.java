package dev.timbot.tencent;

import dev.timbot.internal.callback.AccountPair;
import dev.timbot.internal.callback.BlacklistCallback;
import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.CallbackEvent;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.FriendCallback;
import dev.timbot.internal.callback.GroupAtInfo;
import dev.timbot.internal.callback.GroupMessageCallback;
import dev.timbot.internal.callback.GroupRecallCallback;
import dev.timbot.internal.callback.MemberAccount;
import dev.timbot.internal.callback.MemberExitCallback;
import dev.timbot.internal.callback.MemberJoinCallback;
import dev.timbot.internal.callback.MsgReportCallback;
import dev.timbot.internal.callback.MsgWithdrawCallback;
import dev.timbot.internal.callback.PortraitSetCallback;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.callback.StateChangeCallback;
import dev.timbot.internal.callback.UnknownCallback;
import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.message.TextElem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every example payload of tim-protocol.md §6–7, verbatim, through {@link CallbackReceiver}. */
class CallbackPayloadsTest {
  static final long APP = 1400000000L;
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T10:00:00Z"));
  final List<ReceivedCallback> got = new ArrayList<>();
  final CallbackReceiver receiver =
      CallbackReceiver.builder().sdkAppId(APP).clock(clock).executor(Runnable::run).sink(got::add).build();

  private <T extends CallbackEvent> T parse(String command, String json, Class<T> type) {
    Map<String, String> query =
        Map.of(
            "SdkAppid", Long.toString(APP),
            "CallbackCommand", command,
            "contenttype", "json",
            "ClientIP", "10.0.0.7",
            "OptPlatform", "RESTAPI");
    CallbackResponse r = receiver.handle(query, json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}");
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(got).hasSize(1);
    ReceivedCallback rc = got.get(0);
    assertThat(rc.clientIp()).isEqualTo("10.0.0.7");
    assertThat(rc.optPlatform()).isEqualTo("RESTAPI");
    assertThat(rc.receivedAt()).isEqualTo(clock.now());
    assertThat(rc.command()).isEqualTo(command);
    assertThat(rc.event()).isInstanceOf(type);
    return type.cast(rc.event());
  }

  @Test
  void botOnC2CMessage() {
    String json =
        """
        {"CallbackCommand":"Bot.OnC2CMessage","From_Account":"jared","To_Account":"Jonh","MsgSeq":48374,
         "MsgRandom":2837546,"MsgTime":1557481126,"MsgKey":"48374_2837546_1557481126",
         "MsgId":"144115233406643804-1727580296-4026038328","OnlineOnlyFlag":1,"SendMsgResult":0,
         "ErrorInfo":"send msg succeed","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"…"}}]}
        """;
    C2CMessageCallback c = parse(CallbackCommand.BOT_ON_C2C_MESSAGE, json, C2CMessageCallback.class);
    assertThat(c.command()).isEqualTo("Bot.OnC2CMessage");
    assertThat(c.fromAccount()).isEqualTo("jared");
    assertThat(c.toAccount()).isEqualTo("Jonh");
    assertThat(c.msgSeq()).isEqualTo(48374);
    assertThat(c.msgRandom()).isEqualTo(2837546);
    assertThat(c.msgTime()).isEqualTo(1557481126);
    assertThat(c.msgKey()).isEqualTo("48374_2837546_1557481126");
    assertThat(c.msgId()).isEqualTo("144115233406643804-1727580296-4026038328");
    assertThat(c.onlineOnlyFlag()).isEqualTo(1);
    assertThat(c.sendMsgResult()).isZero();
    assertThat(c.failed()).isFalse();
    assertThat(c.errorInfo()).isEqualTo("send msg succeed");
    assertThat(c.msgBody()).containsExactly(new TextElem("…"));
  }

  @Test
  void botOnGroupMessageWithAtRobotsAccount() {
    String json =
        """
        {"CallbackCommand":"Bot.OnGroupMessage","GroupId":"@TGS#2J4SZEAEL","Type":"Public","From_Account":"jared",
         "Operator_Account":"admin","Random":123456,"MsgSeq":123,"MsgTime":1490686222,"OnlineOnlyFlag":1,
         "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"@@RBT#001 hello"}}],
         "AtRobots_Account":["@RBT#001"],"CloudCustomData":"your cloud custom data","EventTime":1670574414123}
        """;
    GroupMessageCallback g = parse(CallbackCommand.BOT_ON_GROUP_MESSAGE, json, GroupMessageCallback.class);
    assertThat(g.groupId()).isEqualTo("@TGS#2J4SZEAEL");
    assertThat(g.type()).isEqualTo("Public");
    assertThat(g.fromAccount()).isEqualTo("jared");
    assertThat(g.operatorAccount()).isEqualTo("admin");
    assertThat(g.random()).isEqualTo(123456);
    assertThat(g.msgSeq()).isEqualTo(123);
    assertThat(g.msgTime()).isEqualTo(1490686222);
    assertThat(g.onlineOnlyFlag()).isEqualTo(1);
    assertThat(g.msgBody()).containsExactly(new TextElem("@@RBT#001 hello"));
    assertThat(g.atRobotsAccount()).containsExactly("@RBT#001");
    assertThat(g.mentionedAccounts()).containsExactly("@RBT#001");
    assertThat(g.cloudCustomData()).isEqualTo("your cloud custom data");
    assertThat(g.eventTime()).isEqualTo(1670574414123L);
  }

  @Test
  void botOnGroupMessageWithDoocsSpellingAtRobotAccount() {
    String json =
        """
        {"CallbackCommand":"Bot.OnGroupMessage","GroupId":"@TGS#2J4SZEAEL","Type":"Public","From_Account":"jared",
         "Operator_Account":"admin","Random":123456,"MsgSeq":123,"MsgTime":1490686222,"OnlineOnlyFlag":1,
         "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"@@RBT#002 hi"}}],
         "AtRobotAccount":["@RBT#002"],"EventTime":"1670574414123"}
        """;
    GroupMessageCallback g = parse(CallbackCommand.BOT_ON_GROUP_MESSAGE, json, GroupMessageCallback.class);
    assertThat(g.atRobotsAccount()).containsExactly("@RBT#002");
    assertThat(g.eventTime()).isEqualTo(1670574414123L);
  }

  @Test
  void c2cBeforeSendMsg() {
    String json =
        """
        {"CallbackCommand":"C2C.CallbackBeforeSendMsg","From_Account":"jared","To_Account":"Jonh",
         "MsgSeq":48374,"MsgRandom":2837546,"MsgTime":1557481126,"MsgKey":"48374_2837546_1557481126",
         "MsgId":"144115233406643804-1727580296-4026038328","OnlineOnlyFlag":1,
         "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
         "CloudCustomData":"your cloud custom data"}
        """;
    C2CMessageCallback c = parse(CallbackCommand.C2C_BEFORE_SEND_MSG, json, C2CMessageCallback.class);
    assertThat(c.command()).isEqualTo("C2C.CallbackBeforeSendMsg");
    assertThat(c.fromAccount()).isEqualTo("jared");
    assertThat(c.msgId()).isEqualTo("144115233406643804-1727580296-4026038328");
    assertThat(c.sendMsgResult()).isNull();
    assertThat(c.unreadMsgNum()).isNull();
    assertThat(c.msgBody()).containsExactly(new TextElem("red packet"));
    assertThat(c.cloudCustomData()).isEqualTo("your cloud custom data");
  }

  @Test
  void c2cAfterSendMsg() {
    String json =
        """
        {"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"jared","To_Account":"Jonh",
         "MsgSeq":48374,"MsgRandom":2837546,"MsgTime":1557481126,"MsgKey":"48374_2837546_1557481126",
         "OnlineOnlyFlag":1,"SendMsgResult":0,"ErrorInfo":"send msg succeed","UnreadMsgNum":7,
         "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],"CloudCustomData":"your cloud custom data"}
        """;
    C2CMessageCallback c = parse(CallbackCommand.C2C_AFTER_SEND_MSG, json, C2CMessageCallback.class);
    assertThat(c.sendMsgResult()).isZero();
    assertThat(c.unreadMsgNum()).isEqualTo(7);
    assertThat(c.msgId()).isNull();
    assertThat(c.toMessage("Jonh").from()).isEqualTo("jared");
    assertThat(c.msgBody()).containsExactly(new TextElem("red packet"));
  }

  @Test
  void c2cAfterMsgReport() {
    String json =
        """
        {"CallbackCommand":"C2C.CallbackAfterMsgReport","Report_Account":"jared","Peer_Account":"Jonh",
         "LastReadTime":1614754606,"UnreadMsgNum":7}
        """;
    MsgReportCallback m = parse(CallbackCommand.C2C_AFTER_MSG_REPORT, json, MsgReportCallback.class);
    assertThat(m.reportAccount()).isEqualTo("jared");
    assertThat(m.peerAccount()).isEqualTo("Jonh");
    assertThat(m.lastReadTime()).isEqualTo(1614754606);
    assertThat(m.unreadMsgNum()).isEqualTo(7);
  }

  @Test
  void c2cAfterMsgWithdrawIntlVariant() {
    String json =
        """
        {"CallbackCommand":"C2C.CallbackAfterMsgWithDraw","From_Account":"jared","To_Account":"Jonh","MsgKey":"48374_2837546_1557481126","UnreadMsgNum":7}
        """;
    MsgWithdrawCallback w = parse(CallbackCommand.C2C_AFTER_MSG_WITHDRAW, json, MsgWithdrawCallback.class);
    assertThat(w.fromAccount()).isEqualTo("jared");
    assertThat(w.toAccount()).isEqualTo("Jonh");
    assertThat(w.msgKey()).isEqualTo("48374_2837546_1557481126");
    assertThat(w.unreadMsgNum()).isEqualTo(7);
    assertThat(w.eventTime()).isNull();
  }

  @Test
  void c2cAfterMsgWithdrawCnVariant() {
    String json =
        """
        {"CallbackCommand":"C2C.CallbackAfterMsgWithDraw","From_Account":"jared","To_Account":"Jonh","MsgKey":"48374_2837546_1557481126","EventTime":1670574414123}
        """;
    MsgWithdrawCallback w = parse(CallbackCommand.C2C_AFTER_MSG_WITHDRAW, json, MsgWithdrawCallback.class);
    assertThat(w.msgKey()).isEqualTo("48374_2837546_1557481126");
    assertThat(w.unreadMsgNum()).isNull();
    assertThat(w.eventTime()).isEqualTo(1670574414123L);
  }

  @Test
  void groupBeforeSendMsgWithStringEventTime() {
    String json =
        """
        {"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Community",
         "From_Account":"jared","Operator_Account":"admin","Random":123456,"OnlineOnlyFlag":1,
         "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
         "CloudCustomData":"your cloud custom data","TopicId":"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
         "EventTime":"1670574414123"}
        """;
    GroupMessageCallback g = parse(CallbackCommand.GROUP_BEFORE_SEND_MSG, json, GroupMessageCallback.class);
    assertThat(g.type()).isEqualTo("Community");
    assertThat(g.msgSeq()).isZero();
    assertThat(g.random()).isEqualTo(123456);
    assertThat(g.topicId()).isEqualTo("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic");
    assertThat(g.eventTime()).isEqualTo(1670574414123L);
    assertThat(g.atRobotsAccount()).isNull();
  }

  @Test
  void groupAfterSendMsg() {
    String json =
        """
        {"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Public",
         "From_Account":"jared","Operator_Account":"admin","Random":123456,"MsgSeq":123,"MsgTime":1490686222,
         "OnlineOnlyFlag":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
         "CloudCustomData":"your cloud custom data","EventTime":"1670574414123"}
        """;
    GroupMessageCallback g = parse(CallbackCommand.GROUP_AFTER_SEND_MSG, json, GroupMessageCallback.class);
    assertThat(g.msgSeq()).isEqualTo(123);
    assertThat(g.msgTime()).isEqualTo(1490686222);
    assertThat(g.eventTime()).isEqualTo(1670574414123L);
    assertThat(g.toMessage().conversation().id()).isEqualTo("@TGS#2J4SZEAEL");
  }

  @Test
  void groupAfterSendMsgWithGroupAtInfo() {
    String json =
        """
        {"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Public",
         "From_Account":"jared","Random":1,"MsgSeq":124,"MsgTime":1490686222,
         "GroupAtInfo":[{"GroupAtAllFlag":0,"GroupAt_Account":"@RBT#001"},{"GroupAtAllFlag":1}],
         "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"@bot hi"}}]}
        """;
    GroupMessageCallback g = parse(CallbackCommand.GROUP_AFTER_SEND_MSG, json, GroupMessageCallback.class);
    assertThat(g.groupAtInfo()).hasSize(2);
    assertThat(g.mentionedAccounts()).containsExactly("@RBT#001");
  }

  @Test
  void groupAfterNewMemberJoin() {
    String json =
        """
        {"CallbackCommand":"Group.CallbackAfterNewMemberJoin","GroupId":"@TGS#2J4SZEAEL","Type":"Public",
         "JoinType":"Apply","Operator_Account":"leckie",
         "NewMemberList":[{"Member_Account":"jared"},{"Member_Account":"tommy"}],"EventTime":"1670574414123"}
        """;
    MemberJoinCallback m = parse(CallbackCommand.GROUP_AFTER_NEW_MEMBER_JOIN, json, MemberJoinCallback.class);
    assertThat(m.groupId()).isEqualTo("@TGS#2J4SZEAEL");
    assertThat(m.type()).isEqualTo("Public");
    assertThat(m.joinType()).isEqualTo("Apply");
    assertThat(m.operatorAccount()).isEqualTo("leckie");
    assertThat(m.newMemberList())
        .containsExactly(new MemberAccount("jared"), new MemberAccount("tommy"));
    assertThat(m.eventTime()).isEqualTo(1670574414123L);
  }

  @Test
  void groupAfterMemberExit() {
    String json =
        """
        {"CallbackCommand":"Group.CallbackAfterMemberExit","GroupId":"@TGS#2J4SZEAEL","Type":"Public",
         "ExitType":"Kicked","Operator_Account":"leckie",
         "ExitMemberList":[{"Member_Account":"jared"},{"Member_Account":"tommy"}],"EventTime":"1670574414123"}
        """;
    MemberExitCallback m = parse(CallbackCommand.GROUP_AFTER_MEMBER_EXIT, json, MemberExitCallback.class);
    assertThat(m.exitType()).isEqualTo("Kicked");
    assertThat(m.operatorAccount()).isEqualTo("leckie");
    assertThat(m.exitMemberList())
        .containsExactly(new MemberAccount("jared"), new MemberAccount("tommy"));
    assertThat(m.eventTime()).isEqualTo(1670574414123L);
  }

  @Test
  void groupAfterRecallMsg() {
    String json =
        """
        {"CallbackCommand":"Group.CallbackAfterRecallMsg","Operator_Account":"leckie","Type":"Public",
         "GroupId":"@TGS#2J4SZEAEL","MsgSeqList":[{"MsgSeq":123},{"MsgSeq":124}],
         "TopicId":"","EventTime":1670574414123}
        """;
    GroupRecallCallback g = parse(CallbackCommand.GROUP_AFTER_RECALL_MSG, json, GroupRecallCallback.class);
    assertThat(g.operatorAccount()).isEqualTo("leckie");
    assertThat(g.groupId()).isEqualTo("@TGS#2J4SZEAEL");
    assertThat(g.msgSeqList())
        .containsExactly(new GroupRecallCallback.SeqItem(123), new GroupRecallCallback.SeqItem(124));
    assertThat(g.eventTime()).isEqualTo(1670574414123L);
  }

  @Test
  void stateChange() {
    String json =
        """
        {"CallbackCommand":"State.StateChange","EventTime":1629883332497,
         "Info":{"Action":"Login","To_Account":"testuser316","Reason":"Register"},
         "KickedDevice":[{"Platform":"Windows"},{"Platform":"Android"}]}
        """;
    StateChangeCallback s = parse(CallbackCommand.STATE_CHANGE, json, StateChangeCallback.class);
    assertThat(s.eventTime()).isEqualTo(1629883332497L);
    assertThat(s.action()).isEqualTo(StateChangeCallback.LOGIN);
    assertThat(s.account()).isEqualTo("testuser316");
    assertThat(s.info().reason()).isEqualTo("Register");
    assertThat(s.kickedDevice())
        .containsExactly(
            new StateChangeCallback.KickedDevice("Windows"),
            new StateChangeCallback.KickedDevice("Android"));
  }

  @Test
  void snsFriendAdd() {
    String json =
        """
        {"CallbackCommand":"Sns.CallbackFriendAdd",
         "PairList":[{"From_Account":"id","To_Account":"id1","Initiator_Account":"id"}],
         "ClientCmd":"friend_add","Admin_Account":"","ForceFlag":1}
        """;
    FriendCallback f = parse(CallbackCommand.SNS_FRIEND_ADD, json, FriendCallback.class);
    assertThat(f.added()).isTrue();
    assertThat(f.pairList()).containsExactly(new AccountPair("id", "id1", "id"));
    assertThat(f.clientCmd()).isEqualTo("friend_add");
    assertThat(f.adminAccount()).isEmpty();
    assertThat(f.forceFlag()).isEqualTo(1);
  }

  @Test
  void snsFriendDelete() {
    String json =
        """
        {"CallbackCommand":"Sns.CallbackFriendDelete","PairList":[{"From_Account":"id","To_Account":"id1"}]}
        """;
    FriendCallback f = parse(CallbackCommand.SNS_FRIEND_DELETE, json, FriendCallback.class);
    assertThat(f.added()).isFalse();
    assertThat(f.pairList()).containsExactly(new AccountPair("id", "id1", null));
  }

  @Test
  void snsBlacklistAdd() {
    String json =
        """
        {"CallbackCommand":"Sns.CallbackBlackListAdd","PairList":[{"From_Account":"id","To_Account":"id1"}]}
        """;
    BlacklistCallback b = parse(CallbackCommand.SNS_BLACKLIST_ADD, json, BlacklistCallback.class);
    assertThat(b.added()).isTrue();
    assertThat(b.pairList()).containsExactly(new AccountPair("id", "id1", null));
  }

  @Test
  void snsBlacklistDelete() {
    String json =
        """
        {"CallbackCommand":"Sns.CallbackBlackListDelete","PairList":[{"From_Account":"id","To_Account":"id1"}]}
        """;
    BlacklistCallback b = parse(CallbackCommand.SNS_BLACKLIST_DELETE, json, BlacklistCallback.class);
    assertThat(b.added()).isFalse();
  }

  @Test
  void profilePortraitSet() {
    String json =
        """
        {"CallbackCommand":"Profile.CallbackPortraitSet","Operator_Account":"id1","From_Account":"id1",
         "EventTime":1656921052497,
         "ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"nick1"},{"Tag":"Tag_Profile_IM_Gender","Value":"Gender_Type_Male"}]}
        """;
    PortraitSetCallback p = parse(CallbackCommand.PROFILE_PORTRAIT_SET, json, PortraitSetCallback.class);
    assertThat(p.operatorAccount()).isEqualTo("id1");
    assertThat(p.fromAccount()).isEqualTo("id1");
    assertThat(p.eventTime()).isEqualTo(1656921052497L);
    assertThat(p.profileItem()).hasSize(2);
    assertThat(p.profileItem().get(0).tag()).isEqualTo("Tag_Profile_IM_Nick");
    assertThat(p.profileItem().get(0).value().asText()).isEqualTo("nick1");
    assertThat(p.profileItem().get(1).value().asText()).isEqualTo("Gender_Type_Male");
  }

  @Test
  void documentedButUnmodelledCommandArrivesRaw() {
    String json =
        """
        {"CallbackCommand":"Group.CallbackAfterGroupDestroyed","GroupId":"@TGS#2J4SZEAEL","Type":"Public","Owner_Account":"leckie"}
        """;
    UnknownCallback u = parse("Group.CallbackAfterGroupDestroyed", json, UnknownCallback.class);
    assertThat(u.body().path("Owner_Account").asText()).isEqualTo("leckie");
  }

  @Test
  void bodyWithoutCommandTakesTheQueryCommand() {
    String json =
        """
        {"Report_Account":"jared","Peer_Account":"Jonh","LastReadTime":1614754606}
        """;
    MsgReportCallback m = parse(CallbackCommand.C2C_AFTER_MSG_REPORT, json, MsgReportCallback.class);
    assertThat(m.command()).isEqualTo(CallbackCommand.C2C_AFTER_MSG_REPORT);
    assertThat(m.unreadMsgNum()).isNull();
  }

  @Test
  void unknownFieldsAreIgnoredAndNumbersMayBeStrings() {
    String json =
        """
        {"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"a","To_Account":"b","MsgSeq":"5",
         "MsgRandom":6,"MsgTime":"1557481126","MsgKey":"5_6_1557481126","NewFieldFromTheFuture":{"x":[1,2]},
         "MsgBody":[{"MsgType":"TIMBrandNewElem","MsgContent":{"Foo":1}}]}
        """;
    C2CMessageCallback c = parse(CallbackCommand.C2C_AFTER_SEND_MSG, json, C2CMessageCallback.class);
    assertThat(c.msgSeq()).isEqualTo(5);
    assertThat(c.msgTime()).isEqualTo(1557481126);
    assertThat(c.msgBody()).hasSize(1);
  }

  @Test
  void queryParameterNamesIgnoreCaseAndCommandCaseIsCanonicalised() {
    CallbackResponse r =
        receiver.handle(
            Map.of("sdkappid", "1400000000", "callbackcommand", "c2c.callbackaftermsgwithdraw"),
            "{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgKey\":\"k\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
    assertThat(got).singleElement().satisfies(rc -> {
      assertThat(rc.event()).isInstanceOf(MsgWithdrawCallback.class);
      assertThat(rc.command()).isEqualTo(CallbackCommand.C2C_AFTER_MSG_WITHDRAW);
      assertThat(rc.clientIp()).isNull();
    });
  }
}
