package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Groups (members, info, per-group MsgSeq, dedupe, recall) and the frequency limits. */
class GroupAndLimitTest extends EmulatorTestBase {
  @Override
  String[] accounts() {
    return new String[] {"leckie", "tommy", "jared"};
  }

  private String group(String extra) {
    JsonNode r = rest.call("group_open_http_svc", "create_group",
        "{'Owner_Account':'leckie','Type':'Public','Name':'TestGroup'" + extra + "}");
    assertThat(r.path("ErrorCode").asInt()).as(r.toString()).isZero();
    return r.path("GroupId").asText();
  }

  private JsonNode send(String gid, String from, long random, String text) {
    return rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','From_Account':'" + from
        + "','Random':" + random + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'" + text + "'}}]}");
  }

  @Test
  void createMembersAndInfo() {
    String gid = group(",'MemberList':[{'Member_Account':'tommy','Role':'Admin'}]");
    assertThat(gid).startsWith("@TGS#");
    assertThat(group(",'GroupId':'MyFirstGroup'")).isEqualTo("MyFirstGroup");
    assertThat(rest.call("group_open_http_svc", "create_group",
        "{'Owner_Account':'leckie','Type':'Public','Name':'x','GroupId':'MyFirstGroup'}").path("ErrorCode").asInt())
        .isEqualTo(10021);
    assertThat(rest.call("group_open_http_svc", "create_group", "{'Type':'Public'}").path("ErrorCode").asInt())
        .isEqualTo(10004);

    JsonNode add = rest.call("group_open_http_svc", "add_group_member",
        "{'GroupId':'" + gid + "','MemberList':[{'Member_Account':'jared'},{'Member_Account':'tommy'},{'Member_Account':'ghost'}]}");
    assertThat(add.path("MemberList").toString()).isEqualTo("[{\"Member_Account\":\"jared\",\"Result\":1},"
        + "{\"Member_Account\":\"tommy\",\"Result\":2},{\"Member_Account\":\"ghost\",\"Result\":0}]");

    JsonNode info = rest.call("group_open_http_svc", "get_group_info", "{'GroupIdList':['" + gid + "','@TGS#nope']}");
    assertThat(info.path("ErrorCode").asInt()).isZero();
    JsonNode g = info.at("/GroupInfo/0");
    assertThat(g.path("ErrorCode").asInt()).isZero();
    assertThat(g.path("Name").asText()).isEqualTo("TestGroup");
    assertThat(g.path("Owner_Account").asText()).isEqualTo("leckie");
    assertThat(g.path("MemberNum").asInt()).isEqualTo(3);
    assertThat(g.path("NextMsgSeq").asLong()).isEqualTo(1);
    assertThat(g.at("/MemberList/1/Role").asText()).isEqualTo("Admin");
    assertThat(info.at("/GroupInfo/1/ErrorCode").asInt()).isEqualTo(10010);

    JsonNode joined = rest.call("group_open_http_svc", "get_joined_group_list", "{'Member_Account':'jared',"
        + "'ResponseFilter':{'GroupBaseInfoFilter':['Type','Name'],'SelfInfoFilter':['Role','JoinTime']}}");
    assertThat(joined.path("TotalCount").asInt()).isEqualTo(1);
    assertThat(joined.at("/GroupIdList/0/GroupId").asText()).isEqualTo(gid);
    assertThat(joined.at("/GroupIdList/0/Name").asText()).isEqualTo("TestGroup");
    assertThat(joined.at("/GroupIdList/0/SelfInfo/Role").asText()).isEqualTo("Member");

    rest.call("group_open_http_svc", "delete_group_member", "{'GroupId':'" + gid + "','MemberToDel_Account':['jared']}");
    assertThat(rest.call("group_open_http_svc", "get_joined_group_list", "{'Member_Account':'jared'}")
        .path("TotalCount").asInt()).isZero();
  }

  @Test
  void sequencesDedupeAndRecall() {
    String gid = group(",'MemberList':[{'Member_Account':'tommy'}]");
    assertThat(send(gid, "leckie", 1, "a").path("MsgSeq").asLong()).isEqualTo(1);
    assertThat(send(gid, "tommy", 2, "b").path("MsgSeq").asLong()).isEqualTo(2);
    // Same sender, Random and content within 5 minutes: the first send's answer, nothing new.
    assertThat(send(gid, "tommy", 2, "b").path("MsgSeq").asLong()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(send(gid, "tommy", 2, "b").path("MsgSeq").asLong()).isEqualTo(3);
    assertThat(send(gid, "jared", 9, "outsider").path("ErrorCode").asInt()).isEqualTo(10007);
    assertThat(send("@TGS#none", "leckie", 9, "x").path("ErrorCode").asInt()).isEqualTo(10010);

    JsonNode recall = rest.call("group_open_http_svc", "group_msg_recall",
        "{'GroupId':'" + gid + "','MsgSeqList':[{'MsgSeq':2},{'MsgSeq':100}]}");
    assertThat(recall.path("RecallRetList").toString())
        .isEqualTo("[{\"MsgSeq\":2,\"RetCode\":0},{\"MsgSeq\":100,\"RetCode\":10030}]");
    JsonNode simple = rest.call("group_open_http_svc", "group_msg_get_simple",
        "{'GroupId':'" + gid + "','ReqMsgNumber':10,'WithRecalledMsg':1}");
    assertThat(simple.path("RspMsgList")).hasSize(3);
    assertThat(simple.at("/RspMsgList/1/MsgSeq").asLong()).isEqualTo(2);
    assertThat(simple.at("/RspMsgList/1/IsPlaceMsg").asInt()).isEqualTo(2);
  }

  @Test
  void fortyMessagesPerSecondPerGroup() {
    String g1 = group("");
    String g2 = group("");
    for (int i = 0; i < 40; i++) {
      JsonNode r = send(g1, "leckie", 1000 + i, "m" + i);
      assertThat(r.has("MsgDropReason")).as("message %d", i).isFalse();
    }
    JsonNode over = send(g1, "leckie", 5000, "too many");
    assertThat(over.path("ErrorCode").asInt()).isZero();
    assertThat(over.path("MsgDropReason").asText()).isEqualTo("MsgFreqCtrl");
    // Each group has its own budget.
    assertThat(send(g2, "leckie", 1, "other group").has("MsgDropReason")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(send(g1, "leckie", 6000, "next second").has("MsgDropReason")).isFalse();
    // The dropped one was not stored.
    JsonNode simple = rest.call("group_open_http_svc", "group_msg_get_simple", "{'GroupId':'" + g1 + "','ReqMsgNumber':2}");
    assertThat(simple.at("/RspMsgList/1/MsgBody/0/MsgContent/Text").asText()).isEqualTo("m39");
  }

  @Test
  void groupLimitAsErrorCode() {
    LocalIm strict = LocalIm.builder().clock(clock).groupMessagesPerSecond(2).groupRateLimitAsError(true).start();
    try {
      Rest r = new Rest(strict);
      String gid = r.call("group_open_http_svc", "create_group", "{'Type':'Public','Name':'x'}").path("GroupId").asText();
      for (int i = 0; i < 2; i++) {
        assertThat(r.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','Random':" + i
            + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}").path("ErrorCode").asInt()).isZero();
      }
      assertThat(r.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','Random':9"
          + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}").path("ErrorCode").asInt()).isEqualTo(10023);
    } finally {
      strict.stop();
    }
  }

  @Test
  void restFrequencyLimitPerApi() {
    for (int i = 0; i < 200; i++) {
      assertThat(rest.call("openim", "query_online_status", "{'To_Account':['leckie']}").path("ErrorCode").asInt())
          .as("call %d", i).isZero();
    }
    JsonNode limited = rest.call("openim", "query_online_status", "{'To_Account':['leckie']}");
    assertThat(limited.path("ActionStatus").asText()).isEqualTo("FAIL");
    assertThat(limited.path("ErrorCode").asInt()).isEqualTo(60007);
    // Limits are per API.
    assertThat(rest.call("openim", "querystate", "{'To_Account':['leckie']}").path("ErrorCode").asInt()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rest.call("openim", "query_online_status", "{'To_Account':['leckie']}").path("ErrorCode").asInt()).isZero();
  }

  @Test
  void accountCheckHasTheLowerLimit() {
    LocalIm custom = LocalIm.builder().clock(clock).rateLimit("sendmsg", 3).start();
    try {
      Rest r = new Rest(custom);
      for (int i = 0; i < 100; i++) {
        r.call("im_open_login_svc", "account_check", "{'CheckItem':[{'UserID':'a'}]}");
      }
      assertThat(r.call("im_open_login_svc", "account_check", "{'CheckItem':[{'UserID':'a'}]}").path("ErrorCode").asInt())
          .isEqualTo(60007);
      for (int i = 0; i < 3; i++) {
        r.call("openim", "sendmsg", "{'To_Account':'administrator','MsgRandom':" + i
            + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}");
      }
      assertThat(r.call("openim", "sendmsg", "{'To_Account':'administrator','MsgRandom':9"
          + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'x'}}]}").path("ErrorCode").asInt()).isEqualTo(60007);
    } finally {
      custom.stop();
    }
  }

  @Test
  void mutingAndBaseInfo() {
    String gid = group(",'MemberList':[{'Member_Account':'tommy'},{'Member_Account':'jared','Role':'Admin'}]");
    rest.call("group_open_http_svc", "forbid_send_msg", "{'GroupId':'" + gid + "','Members_Account':['tommy'],'MuteTime':60}");
    assertThat(send(gid, "tommy", 1, "x").path("ErrorCode").asInt()).isEqualTo(10017);
    JsonNode muted = rest.call("group_open_http_svc", "get_group_muted_account", "{'GroupId':'" + gid + "'}");
    assertThat(muted.at("/ShuttedUinList/0/Member_Account").asText()).isEqualTo("tommy");
    clock.advance(Duration.ofSeconds(61));
    assertThat(send(gid, "tommy", 2, "free again").path("ErrorCode").asInt()).isZero();

    rest.call("group_open_http_svc", "modify_group_base_info", "{'GroupId':'" + gid + "','Name':'Renamed','MuteAllMember':'On'}");
    assertThat(send(gid, "tommy", 3, "x").path("ErrorCode").asInt()).isEqualTo(10017);
    assertThat(send(gid, "jared", 4, "admins may").path("ErrorCode").asInt()).isZero();
    JsonNode info = rest.call("group_open_http_svc", "get_group_info", "{'GroupIdList':['" + gid + "']}");
    assertThat(info.at("/GroupInfo/0/Name").asText()).isEqualTo("Renamed");
    assertThat(info.at("/GroupInfo/0/MuteAllMember").asText()).isEqualTo("On");

    JsonNode members = rest.call("group_open_http_svc", "get_group_member_info", "{'GroupId':'" + gid + "','Limit':2,'Offset':1}");
    assertThat(members.path("MemberNum").asInt()).isEqualTo(3);
    assertThat(members.path("MemberList")).hasSize(2);
    assertThat(members.at("/MemberList/0/Member_Account").asText()).isEqualTo("tommy");
  }

  @Test
  void ownerAppListAndNotification() {
    String gid = group(",'MemberList':[{'Member_Account':'tommy'}]");
    group("");
    assertThat(rest.call("group_open_http_svc", "change_group_owner", "{'GroupId':'" + gid + "','NewOwner_Account':'jared'}")
        .path("ErrorCode").asInt()).isEqualTo(10004);
    rest.call("group_open_http_svc", "change_group_owner", "{'GroupId':'" + gid + "','NewOwner_Account':'tommy'}");
    JsonNode info = rest.call("group_open_http_svc", "get_group_info", "{'GroupIdList':['" + gid + "']}");
    assertThat(info.at("/GroupInfo/0/Owner_Account").asText()).isEqualTo("tommy");
    JsonNode page = rest.call("group_open_http_svc", "get_appid_group_list", "{'Limit':1}");
    assertThat(page.path("TotalCount").asInt()).isEqualTo(2);
    assertThat(page.at("/GroupIdList/0/GroupId").asText()).isEqualTo(gid);
    assertThat(page.path("Next").asInt()).isEqualTo(1);
    assertThat(rest.call("group_open_http_svc", "send_group_system_notification",
        "{'GroupId':'" + gid + "','Content':'Hello World'}").path("ErrorCode").asInt()).isZero();
  }
}
