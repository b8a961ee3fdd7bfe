package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Accounts, robots, online status, friends, blacklists and profiles. */
class AccountsSnsProfileTest extends EmulatorTestBase {

  @Test
  void accountsAndRobots() {
    rest.call("im_open_login_svc", "account_import", "{'UserID':'test','Nick':'Tester','FaceUrl':'http://www.qq.com'}");
    JsonNode multi = rest.call("im_open_login_svc", "multiaccount_import",
        "{'Accounts':['test1','test2','this-id-is-much-longer-than-thirty-two-bytes']}");
    assertThat(multi.path("FailAccounts").toString()).isEqualTo("[\"this-id-is-much-longer-than-thirty-two-bytes\"]");
    JsonNode check = rest.call("im_open_login_svc", "account_check", "{'CheckItem':[{'UserID':'test1'},{'UserID':'nope'}]}");
    assertThat(check.at("/ResultItem/0/AccountStatus").asText()).isEqualTo("Imported");
    assertThat(check.at("/ResultItem/1/AccountStatus").asText()).isEqualTo("NotImported");
    JsonNode del = rest.call("im_open_login_svc", "account_delete", "{'DeleteItem':[{'UserID':'test2'},{'UserID':'nope'}]}");
    assertThat(del.at("/ResultItem/0/ResultCode").asInt()).isZero();
    assertThat(del.at("/ResultItem/1/ResultCode").asInt()).isEqualTo(70107);
    assertThat(del.at("/ResultItem/1/UserID").asText()).isEqualTo("nope");

    assertThat(rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'bot'}").path("ErrorCode").asInt()).isEqualTo(10004);
    rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#001','Nick':'Jarvis'}");
    rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#002'}");
    rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#001'}");
    assertThat(rest.call("openim_robot_http_svc", "get_all_robots", "{}").path("Robot_Account").toString())
        .isEqualTo("[\"@RBT#001\",\"@RBT#002\"]");
    rest.call("openim_robot_http_svc", "delete_robot", "{'Robot_Account':'@RBT#002'}");
    assertThat(rest.call("openim_robot_http_svc", "get_all_robots", "{}").path("Robot_Account").toString())
        .isEqualTo("[\"@RBT#001\"]");

    JsonNode nick = rest.call("profile", "portrait_get", "{'To_Account':['test'],'TagList':['Tag_Profile_IM_Nick','Tag_Profile_IM_Image']}");
    assertThat(nick.at("/UserProfileItem/0/ProfileItem").toString()).isEqualTo(
        "[{\"Tag\":\"Tag_Profile_IM_Nick\",\"Value\":\"Tester\"},{\"Tag\":\"Tag_Profile_IM_Image\",\"Value\":\"http://www.qq.com\"}]");
  }

  @Test
  void onlineStatusFollowsConsoleLogins() {
    rest.accounts("id1", "id2");
    im.users().login("id1");
    JsonNode s = rest.call("openim", "query_online_status", "{'To_Account':['id1','id2','id4'],'IsNeedDetail':1}");
    assertThat(s.at("/QueryResult/0/Status").asText()).isEqualTo("Online");
    assertThat(s.at("/QueryResult/0/Detail/0").toString()).isEqualTo("{\"Platform\":\"Web\",\"Status\":\"Online\"}");
    assertThat(s.at("/QueryResult/1/Status").asText()).isEqualTo("Offline");
    assertThat(s.at("/ErrorList/0").toString()).isEqualTo("{\"To_Account\":\"id4\",\"ErrorCode\":70107}");
    JsonNode legacy = rest.call("openim", "querystate", "{'To_Account':['id1']}");
    assertThat(legacy.at("/QueryResult/0/State").asText()).isEqualTo("Online");
    assertThat(rest.call("im_open_login_svc", "kick", "{'UserID':'id1'}").path("ErrorCode").asInt()).isZero();
    assertThat(rest.call("openim", "query_online_status", "{'To_Account':['id1']}").at("/QueryResult/0/Status").asText())
        .isEqualTo("Offline");
    assertThat(rest.call("im_open_login_svc", "kick", "{'UserID':'ghost'}").path("ErrorCode").asInt()).isEqualTo(70107);
  }

  @Test
  void friendsAndBlacklist() {
    rest.accounts("id", "id1", "id2", "id3");
    JsonNode add = rest.call("sns", "friend_add", "{'From_Account':'id','AddFriendItem':["
        + "{'To_Account':'id1','Remark':'remark1','GroupName':'同学','AddSource':'AddSource_Type_XXXXXXXX','AddWording':'hi'},"
        + "{'To_Account':'ghost','AddSource':'AddSource_Type_Android'}],'AddType':'Add_Type_Both','ForceAddFlags':1}");
    assertThat(add.path("ActionStatus").asText()).isEqualTo("OK");
    assertThat(add.path("ErrorDisplay").asText()).isEmpty();
    assertThat(add.at("/ResultItem/0/ResultCode").asInt()).isZero();
    assertThat(add.at("/ResultItem/1/ResultCode").asInt()).isEqualTo(30003);
    assertThat(add.path("Fail_Account").toString()).isEqualTo("[\"ghost\"]");
    // Without force, the peer's default AllowType (NeedConfirm) makes it a pending request.
    JsonNode pending = rest.call("sns", "friend_add", "{'From_Account':'id','AddFriendItem':[{'To_Account':'id2','AddSource':'AddSource_Type_Web'}]}");
    assertThat(pending.at("/ResultItem/0/ResultCode").asInt()).isEqualTo(30539);

    JsonNode get = rest.call("sns", "friend_get", "{'From_Account':'id','StartIndex':0}");
    assertThat(get.path("FriendNum").asInt()).isEqualTo(1);
    assertThat(get.path("CompleteFlag").asInt()).isEqualTo(1);
    assertThat(get.at("/UserDataItem/0/To_Account").asText()).isEqualTo("id1");
    assertThat(get.at("/UserDataItem/0/ValueItem/1").toString()).isEqualTo("{\"Tag\":\"Tag_SNS_IM_Remark\",\"Value\":\"remark1\"}");
    assertThat(get.at("/UserDataItem/0/ValueItem/2").toString()).isEqualTo("{\"Tag\":\"Tag_SNS_IM_Group\",\"Value\":[\"同学\"]}");
    JsonNode check = rest.call("sns", "friend_check", "{'From_Account':'id','To_Account':['id1','id2'],'CheckType':'CheckResult_Type_Both'}");
    assertThat(check.at("/InfoItem/0/Relation").asText()).isEqualTo("CheckResult_Type_BothWay");
    assertThat(check.at("/InfoItem/1/Relation").asText()).isEqualTo("CheckResult_Type_NoRelation");

    JsonNode bl = rest.call("sns", "black_list_add", "{'From_Account':'id','To_Account':['id1','id3']}");
    assertThat(bl.at("/ResultItem/0/ResultCode").asInt()).isZero();
    JsonNode again = rest.call("sns", "black_list_add", "{'From_Account':'id','To_Account':['id1']}");
    assertThat(again.at("/ResultItem/0/ResultCode").asInt()).isEqualTo(30001);
    assertThat(again.at("/ResultItem/0/ResultInfo").asText()).isEqualTo("Err_SNS_BlackListAdd_Already_Exist");
    // Blacklisting ends the friendship both ways.
    assertThat(rest.call("sns", "friend_get", "{'From_Account':'id1'}").path("FriendNum").asInt()).isZero();

    JsonNode page = rest.call("sns", "black_list_get", "{'From_Account':'id','StartIndex':0,'MaxLimited':1,'LastSequence':0}");
    assertThat(page.at("/BlackListItem/0/To_Account").asText()).isEqualTo("id1");
    assertThat(page.at("/BlackListItem/0/AddBlackTimeStamp").asLong()).isEqualTo(clock.now().getEpochSecond());
    assertThat(page.path("StartIndex").asInt()).isEqualTo(1);
    assertThat(page.path("CurruentSequence").asLong()).isEqualTo(2);
    JsonNode last = rest.call("sns", "black_list_get", "{'From_Account':'id','StartIndex':1,'MaxLimited':1}");
    assertThat(last.at("/BlackListItem/0/To_Account").asText()).isEqualTo("id3");
    assertThat(last.path("StartIndex").asInt()).isZero();
    rest.call("sns", "black_list_delete", "{'From_Account':'id','To_Account':['id1']}");
    assertThat(rest.call("sns", "black_list_check", "{'From_Account':'id','To_Account':['id1','id3'],"
        + "'CheckType':'BlackCheckResult_Type_Both'}").at("/BlackListCheckItem/1/Relation").asText())
        .isEqualTo("BlackCheckResult_Type_AWithB");
  }

  @Test
  void profiles() {
    rest.accounts("id1");
    assertThat(rest.call("profile", "portrait_set", "{'From_Account':'id1','ProfileItem':[{'Tag':'Tag_Profile_IM_Nick','Value':'MyNickName'},"
        + "{'Tag':'Tag_Profile_IM_Level','Value':3},{'Tag':'Tag_Profile_Custom_Test','Value':'x'}]}").path("ErrorCode").asInt()).isZero();
    assertThat(rest.call("profile", "portrait_set", "{'From_Account':'id1','ProfileItem':[{'Tag':'Tag_Profile_IM_Gender','Value':'Robot'}]}")
        .path("ErrorCode").asInt()).isEqualTo(40605);
    assertThat(rest.call("profile", "portrait_set", "{'From_Account':'id1','ProfileItem':[{'Tag':'Tag_Nope','Value':'x'}]}")
        .path("ErrorCode").asInt()).isEqualTo(40009);
    JsonNode get = rest.call("profile", "portrait_get", "{'To_Account':['id1','ghost'],"
        + "'TagList':['Tag_Profile_IM_Nick','Tag_Profile_IM_Level','Tag_Profile_Custom_Test']}");
    assertThat(get.at("/UserProfileItem/0/ProfileItem").toString()).isEqualTo("[{\"Tag\":\"Tag_Profile_IM_Nick\",\"Value\":\"MyNickName\"},"
        + "{\"Tag\":\"Tag_Profile_IM_Level\",\"Value\":3},{\"Tag\":\"Tag_Profile_Custom_Test\",\"Value\":\"x\"}]");
    assertThat(get.at("/UserProfileItem/0/ResultCode").asInt()).isZero();
    assertThat(get.at("/UserProfileItem/1/ResultCode").asInt()).isEqualTo(40003);
    assertThat(get.path("ErrorDisplay").asText()).isEmpty();
  }

  @Test
  void friendImportIsOneWay() {
    rest.accounts("id", "id1");
    JsonNode r = rest.call("sns", "friend_import", "{'From_Account':'id','AddFriendItem':[{'To_Account':'id1',"
        + "'GroupName':['g'],'AddSource':'AddSource_Type_Web','AddTime':1500000000},{'To_Account':'ghost'}]}");
    assertThat(r.path("Fail_Account").toString()).isEqualTo("[\"ghost\"]");
    JsonNode check = rest.call("sns", "friend_check", "{'From_Account':'id','To_Account':['id1']}");
    assertThat(check.at("/InfoItem/0/Relation").asText()).isEqualTo("CheckResult_Type_AWithB");
  }

  @Test
  void resetForgetsEverythingButTheAdmin() {
    rest.accounts("id1");
    rest.sendText("id1", "administrator", 1, "x");
    im.reset();
    assertThat(rest.call("im_open_login_svc", "account_check", "{'CheckItem':[{'UserID':'id1'},{'UserID':'administrator'}]}")
        .path("ResultItem").findValuesAsText("AccountStatus")).containsExactly("NotImported", "Imported");
    assertThat(rest.call("openim", "admin_getroammsg", "{'Operator_Account':'administrator','Peer_Account':'id1'}")
        .path("MsgList")).isEmpty();
  }
}
