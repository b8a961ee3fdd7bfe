package dev.timbot.tencent;

import dev.timbot.internal.callback.GroupAtInfo;
import dev.timbot.internal.rest.TencentImClient;
import static dev.timbot.tencent.FakeImServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImAdmin.BlacklistEntry;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.JoinedGroup;
import dev.timbot.spi.ImAdmin.OnlineStatus;
import dev.timbot.spi.ImAdmin.OnlineStatusResult;
import dev.timbot.spi.ImAdmin.ProfileTags;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.message.CustomElem;
import dev.timbot.message.TextElem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each API: exact URL, query and JSON body, and how the documented answer is read. */
class TencentImClientApiTest {
  FakeImServer im;
  TencentImClient client;

  @BeforeEach
  void setUp() {
    im = new FakeImServer();
    client = im.builder().build();
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    im.close();
  }

  static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  // --- accounts ------------------------------------------------------------------------------

  @Test
  void accountImport() throws Exception {
    im.ok();
    get(client.importAccount("bot", "Helper", "http://x/a.png"));
    assertThat(im.take("im_open_login_svc", "account_import"))
        .isEqualTo(json("{\"UserID\":\"bot\",\"Nick\":\"Helper\",\"FaceUrl\":\"http://x/a.png\"}"));

    im.ok();
    get(client.importAccount("bot2", null, null));
    assertThat(im.take("im_open_login_svc", "account_import")).isEqualTo(json("{\"UserID\":\"bot2\"}"));
  }

  @Test
  void multiAccountImport_returnsFailAccounts() throws Exception {
    im.ok("\"FailAccounts\":[\"b\"]");
    assertThat(get(client.importAccounts(List.of("a", "b")))).containsExactly("b");
    assertThat(im.take("im_open_login_svc", "multiaccount_import"))
        .isEqualTo(json("{\"Accounts\":[\"a\",\"b\"]}"));
  }

  @Test
  void accountCheck_mapsAccountStatus() throws Exception {
    im.ok(
        "\"ResultItem\":[{\"UserID\":\"a\",\"ResultCode\":0,\"ResultInfo\":\"\",\"AccountStatus\":\"Imported\"},"
            + "{\"UserID\":\"b\",\"ResultCode\":0,\"ResultInfo\":\"\",\"AccountStatus\":\"NotImported\"}]");
    Map<String, Boolean> result = get(client.checkAccounts(List.of("a", "b")));
    assertThat(result).containsExactly(Map.entry("a", true), Map.entry("b", false));
    assertThat(im.take("im_open_login_svc", "account_check"))
        .isEqualTo(json("{\"CheckItem\":[{\"UserID\":\"a\"},{\"UserID\":\"b\"}]}"));
  }

  @Test
  void accountLists_areSplitIntoCallsOf100() throws Exception {
    List<String> ids = java.util.stream.IntStream.range(0, 150).mapToObj(i -> "u" + i).toList();
    im.ok("\"FailAccounts\":[\"u3\"]");
    im.ok("\"FailAccounts\":[\"u140\"]");
    assertThat(get(client.importAccounts(ids))).containsExactlyInAnyOrder("u3", "u140");
    List<Integer> sizes = new java.util.ArrayList<>();
    sizes.add(im.take("im_open_login_svc", "multiaccount_import").get("Accounts").size());
    sizes.add(im.take("im_open_login_svc", "multiaccount_import").get("Accounts").size());
    assertThat(sizes).containsExactlyInAnyOrder(100, 50);
  }

  @Test
  void call_refusesABodyThatIsNotAnObject() {
    assertThatThrownBy(() -> get(client.call("openim", "x", "[1,2]")))
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
    assertThat(im.server.getRequestCount()).isZero();
  }

  @Test
  void robots() throws Exception {
    im.ok();
    get(client.createRobot("@RBT#001", "Jarvis", "www.example.com/head.jpg"));
    assertThat(im.take("openim_robot_http_svc", "create_robot"))
        .isEqualTo(
            json("{\"UserID\":\"@RBT#001\",\"Nick\":\"Jarvis\",\"FaceUrl\":\"www.example.com/head.jpg\"}"));

    im.ok("\"Robot_Account\":[\"@RBT#001\",\"@RBT#002\"]");
    assertThat(get(client.getAllRobots())).containsExactly("@RBT#001", "@RBT#002");
    assertThat(im.take("openim_robot_http_svc", "get_all_robots")).isEqualTo(json("{}"));
  }

  @Test
  void queryOnlineStatus_readsDetailErrorListAndLegacyState() throws Exception {
    im.ok(
        "\"QueryResult\":[{\"To_Account\":\"id1\",\"Status\":\"Online\",\"Detail\":[{\"Platform\":\"iPhone\",\"Status\":\"PushOnline\"},{\"Platform\":\"Web\",\"Status\":\"Online\"}]},"
            + "{\"To_Account\":\"id2\",\"State\":\"Offline\"}],"
            + "\"ErrorList\":[{\"To_Account\":\"id4\",\"ErrorCode\":70107}]");
    OnlineStatusResult result = get(client.queryOnlineStatus(List.of("id1", "id2", "id4")));
    assertThat(im.take("openim", "query_online_status"))
        .isEqualTo(json("{\"To_Account\":[\"id1\",\"id2\",\"id4\"],\"IsNeedDetail\":1}"));
    assertThat(result.statuses())
        .containsExactly(
            new OnlineStatus(
                "id1",
                "Online",
                List.of(
                    new OnlineStatus.PlatformStatus("iPhone", "PushOnline"),
                    new OnlineStatus.PlatformStatus("Web", "Online"))),
            new OnlineStatus("id2", "Offline", List.of()));
    assertThat(result.errors()).containsExactly(new ItemResult("id4", 70107, ""));
  }

  @Test
  void queryOnlineStatus_allFailed_isStillAnAnswerWithErrors() throws Exception {
    im.reply(
        "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"all failed\",\"ErrorCode\":70107,"
            + "\"ErrorList\":[{\"To_Account\":\"x\",\"ErrorCode\":70107}]}");
    OnlineStatusResult result = get(client.queryOnlineStatus(List.of("x")));
    assertThat(result.statuses()).isEmpty();
    assertThat(result.errors()).containsExactly(new ItemResult("x", 70107, ""));
  }

  // --- C2C messages --------------------------------------------------------------------------

  @Test
  void sendmsg_allDocumentedFields() throws Exception {
    im.ok("\"MsgTime\":1572870301,\"MsgKey\":\"89541_2574206_1572870301\",\"MsgId\":\"144115-1727580296-4026038328\"");
    JsonNode push = json("{\"PushFlag\":0,\"Desc\":\"d\",\"Ext\":\"e\"}");
    SendMessage m =
        SendMessage.builder()
            .from("lumotuwe1")
            .to("lumotuwe2")
            .add(TextElem.of("hi, beauty"))
            .msgSeq(93847636L)
            .msgRandom(1287657L)
            .syncOtherMachine(2)
            .msgLifeTime(3600)
            .forbidBeforeCallback(true)
            .forbidAfterCallback(true)
            .sendMsgControl("NoUnread")
            .cloudCustomData("your cloud custom data")
            .offlinePushInfo(push.toString())
            .needReadReceipt(true)
            .build();
    SendResult result = get(client.sendMessage(m));
    assertThat(im.take("openim", "sendmsg"))
        .isEqualTo(
            json(
                "{\"SyncOtherMachine\":2,\"From_Account\":\"lumotuwe1\",\"To_Account\":\"lumotuwe2\","
                    + "\"MsgLifeTime\":3600,\"MsgSeq\":93847636,\"MsgRandom\":1287657,"
                    + "\"ForbidCallbackControl\":[\"ForbidBeforeSendMsgCallback\",\"ForbidAfterSendMsgCallback\"],"
                    + "\"SendMsgControl\":[\"NoUnread\"],"
                    + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi, beauty\"}}],"
                    + "\"CloudCustomData\":\"your cloud custom data\","
                    + "\"OfflinePushInfo\":{\"PushFlag\":0,\"Desc\":\"d\",\"Ext\":\"e\"},"
                    + "\"IsNeedReadReceipt\":1}"));
    assertThat(result)
        .isEqualTo(
            new SendResult(
                "89541_2574206_1572870301",
                Instant.ofEpochSecond(1572870301),
                "144115-1727580296-4026038328",
                93847636L,
                1287657L));
  }

  @Test
  void sendmsg_minimal_picksSeqAndRandom() throws Exception {
    im.ok("\"MsgTime\":1,\"MsgKey\":\"k\"");
    SendResult result = get(client.sendMessage(SendMessage.text(null, "alice", "hi")));
    JsonNode body = im.take("openim", "sendmsg");
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("To_Account", "MsgSeq", "MsgRandom", "MsgBody");
    assertThat(body.get("MsgSeq").asLong()).isEqualTo(result.msgSeq()).isBetween(1L, 0x7FFFFFFFL);
    assertThat(body.get("MsgRandom").asLong()).isEqualTo(result.msgRandom()).isBetween(1L, 0x7FFFFFFFL);
    assertThat(result.msgId()).isNull();
  }

  @Test
  void serviceError_isAnImExceptionWithCodeAndInfo() {
    im.fail(90012, "invalid To_Account");
    assertThatThrownBy(() -> get(client.sendMessage(SendMessage.text("bot", "ghost", "hi"))))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ImException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(90012);
              assertThat(e.errorInfo()).isEqualTo("invalid To_Account");
            });
    assertThat(im.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void failedFuture_givesTheImExceptionItselfToExceptionally() throws Exception {
    im.fail(20006, "rejected by callback");
    Throwable seen =
        client.sendMessage(SendMessage.text("bot", "a", "x")).handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(seen).isInstanceOf(ImException.class);
    assertThat(((ImException) seen).errorCode()).isEqualTo(20006);
  }

  @Test
  void batchsendmsg_someErrorIsPerRecipientFailures() throws Exception {
    im.reply(
        "{\"ActionStatus\":\"SomeError\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"MsgKey\":\"4852_28135_1579678877\","
            + "\"ErrorList\":[{\"To_Account\":\"rong\",\"ErrorCode\":70107}]}");
    SendMessage template =
        SendMessage.builder()
            .from("bot")
            .add(new CustomElem("{\"a\":1}", "desc", null, null))
            .msgSeq(11L)
            .msgRandom(22L)
            .forbidBeforeCallback(true) // not a batchsendmsg field: must not be sent
            .build();
    BatchSendResult result = get(client.batchSendMessage(List.of("ok1", "rong"), template));
    assertThat(im.take("openim", "batchsendmsg"))
        .isEqualTo(
            json(
                "{\"From_Account\":\"bot\",\"To_Account\":[\"ok1\",\"rong\"],\"MsgSeq\":11,\"MsgRandom\":22,"
                    + "\"MsgBody\":[{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":\"{\\\"a\\\":1}\",\"Desc\":\"desc\"}}]}"));
    assertThat(result.msgKeys()).containsExactly("4852_28135_1579678877");
    assertThat(result.failures()).containsExactly(new ItemResult("rong", 70107, ""));
    assertThat(result.allDelivered()).isFalse();
  }

  @Test
  void batchsendmsg_wholeFailureOfTheOnlyChunkIsAnException() {
    im.fail(90012, "invalid To_Account");
    assertThatThrownBy(
            () -> get(client.batchSendMessage(List.of("x"), SendMessage.text("bot", null, "hi"))))
        .cause()
        .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode()).isEqualTo(90012));
  }

  @Test
  void batchsendmsg_noRecipientsMakesNoCall() throws Exception {
    BatchSendResult result = get(client.batchSendMessage(List.of(), SendMessage.text("bot", null, "hi")));
    assertThat(result.msgKeys()).isEmpty();
    assertThat(im.server.getRequestCount()).isZero();
  }

  @Test
  void adminMsgWithdraw_andAlreadyRecalledIsSuccess() throws Exception {
    im.ok();
    get(client.withdrawMessage("vinson", "dramon", "31906_833502_1572869830"));
    assertThat(im.take("openim", "admin_msgwithdraw"))
        .isEqualTo(
            json("{\"From_Account\":\"vinson\",\"To_Account\":\"dramon\",\"MsgKey\":\"31906_833502_1572869830\"}"));

    im.fail(20023, "already withdrawn");
    get(client.withdrawMessage("vinson", "dramon", "k"));

    im.fail(20022, "not found");
    assertThatThrownBy(() -> get(client.withdrawMessage("vinson", "dramon", "k")))
        .cause()
        .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode()).isEqualTo(20022));
  }

  @Test
  void adminSetMsgRead() throws Exception {
    im.ok();
    get(client.setMessagesRead("dramon1", "dramon2", Instant.ofEpochSecond(1584669680)));
    assertThat(im.take("openim", "admin_set_msg_read"))
        .isEqualTo(
            json("{\"Report_Account\":\"dramon1\",\"Peer_Account\":\"dramon2\",\"MsgReadTime\":\"1584669680\"}"));
  }

  @Test
  void adminGetRoamMsg_readsAPageAndItsFlags() throws Exception {
    im.ok(
        "\"Complete\":0,\"MsgCnt\":1,\"LastMsgTime\":1584669680,\"LastMsgKey\":\"549396494_2578554_1584669680\","
            + "\"MsgList\":[{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MsgSeq\":549396494,\"MsgRandom\":2578554,"
            + "\"MsgTimeStamp\":1584669680,\"MsgFlagBits\":8,\"IsPeerRead\":1,\"MsgKey\":\"549396494_2578554_1584669680\","
            + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"msg 1\"}}],\"CloudCustomData\":\"ccd\"}]");
    RoamQuery q =
        RoamQuery.of(
            "user2", "user1", 100, Instant.ofEpochSecond(1584669600), Instant.ofEpochSecond(1584673200));
    RoamPage page = get(client.getRoamMessages(q));
    assertThat(im.take("openim", "admin_getroammsg"))
        .isEqualTo(
            json(
                "{\"Operator_Account\":\"user2\",\"Peer_Account\":\"user1\",\"MaxCnt\":100,"
                    + "\"MinTime\":1584669600,\"MaxTime\":1584673200}"));
    assertThat(page.complete()).isFalse();
    assertThat(page.lastMsgKey()).isEqualTo("549396494_2578554_1584669680");
    assertThat(page.lastMsgTime()).isEqualTo(Instant.ofEpochSecond(1584669680));
    assertThat(page.messages()).hasSize(1);
    var m = page.messages().get(0);
    assertThat(m.recalled()).isTrue();
    assertThat(m.peerRead()).isTrue();
    assertThat(m.message().from()).isEqualTo("user1");
    assertThat(m.message().text()).isEqualTo("msg 1");
    assertThat(m.message().msgSeq()).isEqualTo(549396494L);
    assertThat(m.message().cloudCustomData()).isEqualTo("ccd");

    im.ok("\"Complete\":1,\"MsgList\":[]");
    get(client.getRoamMessages(q.next(page)));
    assertThat(im.take("openim", "admin_getroammsg"))
        .isEqualTo(
            json(
                "{\"Operator_Account\":\"user2\",\"Peer_Account\":\"user1\",\"MaxCnt\":100,"
                    + "\"MinTime\":1584669600,\"MaxTime\":1584669680,\"LastMsgKey\":\"549396494_2578554_1584669680\"}"));
  }

  // --- groups --------------------------------------------------------------------------------

  @Test
  void createGroup() throws Exception {
    im.ok("\"GroupId\":\"@TGS#2J4SZEAEL\"");
    String id = get(client.createGroup("Public", "TestGroup", "leckie", List.of("bob", "peter"), null));
    assertThat(id).isEqualTo("@TGS#2J4SZEAEL");
    assertThat(im.take("group_open_http_svc", "create_group"))
        .isEqualTo(
            json(
                "{\"Owner_Account\":\"leckie\",\"Type\":\"Public\",\"Name\":\"TestGroup\","
                    + "\"MemberList\":[{\"Member_Account\":\"bob\"},{\"Member_Account\":\"peter\"}]}"));
  }

  @Test
  void sendGroupMsg_withAtInfoAndDropReason() throws Exception {
    im.ok("\"MsgTime\":1497249503,\"MsgSeq\":1,\"MsgDropReason\":\"MsgFreqCtrl\"");
    GroupMessage m =
        GroupMessage.builder()
            .groupId("@TGS#2C5SZEAEF")
            .from("leckie")
            .add(TextElem.of("red packet"))
            .random(8912345L)
            .msgPriority("High")
            .at(GroupMessage.AT_ALL)
            .at("tommy")
            .onlineOnly(true)
            .forbidBeforeCallback(true)
            .cloudCustomData("ccd")
            .build();
    GroupSendResult result = get(client.sendGroupMessage(m));
    assertThat(im.take("group_open_http_svc", "send_group_msg"))
        .isEqualTo(
            json(
                "{\"GroupId\":\"@TGS#2C5SZEAEF\",\"From_Account\":\"leckie\",\"Random\":8912345,\"MsgPriority\":\"High\","
                    + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"red packet\"}}],"
                    + "\"ForbidCallbackControl\":[\"ForbidBeforeSendMsgCallback\"],\"OnlineOnlyFlag\":1,"
                    + "\"GroupAtInfo\":[{\"GroupAtAllFlag\":1},{\"GroupAtAllFlag\":0,\"GroupAt_Account\":\"tommy\"}],"
                    + "\"CloudCustomData\":\"ccd\"}"));
    assertThat(result)
        .isEqualTo(new GroupSendResult(1, Instant.ofEpochSecond(1497249503), "MsgFreqCtrl", 8912345L));
    assertThat(result.dropped()).isTrue();
  }

  @Test
  void sendGroupMsg_minimal() throws Exception {
    im.ok("\"MsgTime\":1497249503,\"MsgSeq\":7");
    GroupSendResult result = get(client.sendGroupMessage(GroupMessage.text("g1", null, "hi")));
    JsonNode body = im.take("group_open_http_svc", "send_group_msg");
    assertThat(body.fieldNames()).toIterable().containsExactly("GroupId", "Random", "MsgBody");
    assertThat(body.get("Random").asLong()).isEqualTo(result.random());
    assertThat(result.dropped()).isFalse();
    assertThat(result.msgSeq()).isEqualTo(7);
  }

  @Test
  void aTopicIdInPlaceOfTheGroupIdSendsAndRecallsInThatTopic() throws Exception {
    String topic = "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic";
    im.ok("\"MsgTime\":1,\"MsgSeq\":3");
    get(client.sendGroupMessage(GroupMessage.text(topic, null, "hi")));
    JsonNode body = im.take("group_open_http_svc", "send_group_msg");
    assertThat(body.get("GroupId").asText()).isEqualTo("@TGS#cQVLVHIM62CJ");
    assertThat(body.get("TopicId").asText()).isEqualTo(topic);
    im.ok("\"RecallRetList\":[{\"MsgSeq\":3,\"RetCode\":0}]");
    get(client.recallGroupMessages(topic, List.of(3L)));
    assertThat(im.take("group_open_http_svc", "group_msg_recall"))
        .isEqualTo(json("{\"GroupId\":\"@TGS#cQVLVHIM62CJ\",\"TopicId\":\"" + topic
            + "\",\"MsgSeqList\":[{\"MsgSeq\":3}]}"));
  }

  @Test
  void groupMsgRecall_perSequenceCodes() throws Exception {
    im.ok("\"RecallRetList\":[{\"MsgSeq\":100,\"RetCode\":10030},{\"MsgSeq\":101,\"RetCode\":0}]");
    List<ItemResult> result = get(client.recallGroupMessages("@TGS#2J4SZEAEL", List.of(100L, 101L)));
    assertThat(im.take("group_open_http_svc", "group_msg_recall"))
        .isEqualTo(
            json("{\"GroupId\":\"@TGS#2J4SZEAEL\",\"MsgSeqList\":[{\"MsgSeq\":100},{\"MsgSeq\":101}]}"));
    assertThat(result).containsExactly(new ItemResult("100", 10030, ""), new ItemResult("101", 0, ""));
  }

  @Test
  void getJoinedGroupList_followsPages() throws Exception {
    StringBuilder page = new StringBuilder("\"TotalCount\":1001,\"GroupIdList\":[");
    for (int i = 0; i < 1000; i++) {
      page.append(i == 0 ? "" : ",").append("{\"GroupId\":\"g").append(i).append("\",\"Type\":\"Public\"}");
    }
    im.ok(page.append("]").toString());
    im.ok("\"TotalCount\":1001,\"GroupIdList\":[{\"GroupId\":\"last\",\"Name\":\"L\",\"Type\":\"Private\"}]");
    List<JoinedGroup> groups = get(client.getJoinedGroups("bot"));
    assertThat(groups).hasSize(1001).endsWith(new JoinedGroup("last", "L", "Private"));
    assertThat(im.take("group_open_http_svc", "get_joined_group_list"))
        .isEqualTo(
            json(
                "{\"Member_Account\":\"bot\",\"WithHugeGroups\":1,\"WithNoActiveGroups\":1,\"Limit\":1000,\"Offset\":0,"
                    + "\"ResponseFilter\":{\"GroupBaseInfoFilter\":[\"Type\",\"Name\"]}}"));
    assertThat(im.take("group_open_http_svc", "get_joined_group_list").get("Offset").asInt()).isEqualTo(1000);
  }

  @Test
  void getGroupInfo_perGroupErrorCodes_evenWithTopLevelError() throws Exception {
    im.reply(
        "{\"ActionStatus\":\"FAIL\",\"ErrorCode\":10010,\"ErrorInfo\":\"meaningless\",\"GroupInfo\":["
            + "{\"GroupId\":\"@TGS#1\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"Type\":\"Public\",\"Name\":\"G\",\"Owner_Account\":\"leckie\","
            + "\"MemberNum\":2,\"MemberList\":[{\"Member_Account\":\"leckie\",\"Role\":\"Owner\"},{\"Member_Account\":\"bot\",\"Role\":\"Member\"}]},"
            + "{\"GroupId\":\"@TGS#gone\",\"ErrorCode\":10010,\"ErrorInfo\":\"group not found\"}]}");
    List<GroupInfo> infos = get(client.getGroupInfo(List.of("@TGS#1", "@TGS#gone")));
    assertThat(im.take("group_open_http_svc", "get_group_info"))
        .isEqualTo(json("{\"GroupIdList\":[\"@TGS#1\",\"@TGS#gone\"]}"));
    assertThat(infos).hasSize(2);
    assertThat(infos.get(0).ok()).isTrue();
    assertThat(infos.get(0).ownerAccount()).isEqualTo("leckie");
    assertThat(infos.get(0).memberNum()).isEqualTo(2);
    assertThat(infos.get(0).members()).containsExactly("leckie", "bot");
    assertThat(json(infos.get(0).rawJson()).get("MemberList").get(0).get("Role").asText()).isEqualTo("Owner");
    assertThat(infos.get(1).ok()).isFalse();
    assertThat(infos.get(1).errorCode()).isEqualTo(10010);
  }

  @Test
  void addGroupMember_resultPerAccount() throws Exception {
    im.ok("\"MemberList\":[{\"Member_Account\":\"tommy\",\"Result\":1},{\"Member_Account\":\"jared\",\"Result\":2}]");
    List<ItemResult> result = get(client.addGroupMembers("g1", List.of("tommy", "jared"), true));
    assertThat(im.take("group_open_http_svc", "add_group_member"))
        .isEqualTo(
            json(
                "{\"GroupId\":\"g1\",\"Silence\":1,\"MemberList\":[{\"Member_Account\":\"tommy\"},{\"Member_Account\":\"jared\"}]}"));
    assertThat(result)
        .containsExactly(
            new ItemResult("tommy", 1, "added"), new ItemResult("jared", 2, "already a member"));
  }

  @Test
  void deleteGroupMember() throws Exception {
    im.ok();
    get(client.deleteGroupMembers("g1", List.of("tommy", "jared"), "kick reason", true));
    assertThat(im.take("group_open_http_svc", "delete_group_member"))
        .isEqualTo(
            json(
                "{\"GroupId\":\"g1\",\"Silence\":1,\"Reason\":\"kick reason\",\"MemberToDel_Account\":[\"tommy\",\"jared\"]}"));
  }

  // --- relationships and profiles ------------------------------------------------------------

  @Test
  void friendAdd_withAddSourceAndPerItemResults() throws Exception {
    im.ok(
        "\"ResultItem\":[{\"To_Account\":\"id1\",\"ResultCode\":0,\"ResultInfo\":\"\"},"
            + "{\"To_Account\":\"id2\",\"ResultCode\":30006,\"ResultInfo\":\"Err_SNS_FriendAdd_Unpack_Profile_Data_Fail\"}],"
            + "\"Fail_Account\":[\"id2\"],\"ErrorDisplay\":\"\"");
    List<ItemResult> result = get(client.addFriends("bot", List.of("id1", "id2"), true));
    assertThat(im.take("sns", "friend_add"))
        .isEqualTo(
            json(
                "{\"From_Account\":\"bot\",\"AddFriendItem\":["
                    + "{\"To_Account\":\"id1\",\"AddSource\":\"AddSource_Type_Bot\"},"
                    + "{\"To_Account\":\"id2\",\"AddSource\":\"AddSource_Type_Bot\"}],"
                    + "\"AddType\":\"Add_Type_Both\",\"ForceAddFlags\":1}"));
    assertThat(result)
        .containsExactly(
            new ItemResult("id1", 0, ""),
            new ItemResult("id2", 30006, "Err_SNS_FriendAdd_Unpack_Profile_Data_Fail"));
  }

  @Test
  void friendDelete() throws Exception {
    im.ok("\"ResultItem\":[{\"To_Account\":\"id1\",\"ResultCode\":0,\"ResultInfo\":\"\"}]");
    assertThat(get(client.deleteFriends("bot", List.of("id1"), false)))
        .containsExactly(new ItemResult("id1", 0, ""));
    assertThat(im.take("sns", "friend_delete"))
        .isEqualTo(
            json("{\"From_Account\":\"bot\",\"To_Account\":[\"id1\"],\"DeleteType\":\"Delete_Type_Single\"}"));
  }

  @Test
  void friendGet_followsPages() throws Exception {
    im.ok(
        "\"UserDataItem\":[{\"To_Account\":\"id1\",\"ValueItem\":[{\"Tag\":\"Tag_SNS_IM_Group\",\"Value\":[\"G1\"]}]}],"
            + "\"StandardSequence\":88,\"CustomSequence\":46,\"FriendNum\":2,\"CompleteFlag\":0,\"NextStartIndex\":1");
    im.ok(
        "\"UserDataItem\":[{\"To_Account\":\"id2\"}],\"StandardSequence\":88,\"CustomSequence\":46,"
            + "\"FriendNum\":2,\"CompleteFlag\":1,\"NextStartIndex\":0");
    assertThat(get(client.getFriends("bot"))).containsExactly("id1", "id2");
    assertThat(im.take("sns", "friend_get"))
        .isEqualTo(
            json("{\"From_Account\":\"bot\",\"StartIndex\":0,\"StandardSequence\":0,\"CustomSequence\":0}"));
    assertThat(im.take("sns", "friend_get"))
        .isEqualTo(
            json("{\"From_Account\":\"bot\",\"StartIndex\":1,\"StandardSequence\":0,\"CustomSequence\":0}"));
  }

  @Test
  void blacklistAddAndDelete() throws Exception {
    im.ok(
        "\"ResultItem\":[{\"To_Account\":\"id1\",\"ResultCode\":30001,\"ResultInfo\":\"Err_SNS_BlackListAdd_Already_Exist\"}],"
            + "\"Fail_Account\":[\"id1\"]");
    assertThat(get(client.addToBlacklist("bot", List.of("id1"))))
        .containsExactly(new ItemResult("id1", 30001, "Err_SNS_BlackListAdd_Already_Exist"));
    assertThat(im.take("sns", "black_list_add"))
        .isEqualTo(json("{\"From_Account\":\"bot\",\"To_Account\":[\"id1\"]}"));

    im.ok("\"ResultItem\":[{\"To_Account\":\"id1\",\"ResultCode\":0,\"ResultInfo\":\"\"}]");
    assertThat(get(client.removeFromBlacklist("bot", List.of("id1"))))
        .containsExactly(new ItemResult("id1", 0, ""));
    assertThat(im.take("sns", "black_list_delete"))
        .isEqualTo(json("{\"From_Account\":\"bot\",\"To_Account\":[\"id1\"]}"));
  }

  @Test
  void blackListGet_followsPagesWithTheMisspelledSequence() throws Exception {
    im.ok(
        "\"BlackListItem\":[{\"To_Account\":\"id1\",\"AddBlackTimeStamp\":1430000001}],"
            + "\"StartIndex\":1,\"CurruentSequence\":13");
    im.ok(
        "\"BlackListItem\":[{\"To_Account\":\"id2\",\"AddBlackTimeStamp\":1430000002}],"
            + "\"StartIndex\":0,\"CurruentSequence\":13");
    assertThat(get(client.getBlacklist("bot")))
        .containsExactly(
            new BlacklistEntry("id1", Instant.ofEpochSecond(1430000001)),
            new BlacklistEntry("id2", Instant.ofEpochSecond(1430000002)));
    assertThat(im.take("sns", "black_list_get"))
        .isEqualTo(
            json("{\"From_Account\":\"bot\",\"StartIndex\":0,\"MaxLimited\":100,\"LastSequence\":0}"));
    assertThat(im.take("sns", "black_list_get"))
        .isEqualTo(
            json("{\"From_Account\":\"bot\",\"StartIndex\":1,\"MaxLimited\":100,\"LastSequence\":13}"));
  }

  @Test
  void portraitGetAndSet() throws Exception {
    im.ok(
        "\"UserProfileItem\":[{\"To_Account\":\"id1\",\"ProfileItem\":[{\"Tag\":\"Tag_Profile_IM_Nick\",\"Value\":\"NickNameTest1\"},"
            + "{\"Tag\":\"Tag_Profile_IM_Level\",\"Value\":3}],\"ResultCode\":0,\"ResultInfo\":\"\"},"
            + "{\"To_Account\":\"ghost\",\"ResultCode\":40003,\"ResultInfo\":\"no such user\"}],\"ErrorDisplay\":\"\"");
    List<UserProfile> profiles =
        get(client.getProfiles(List.of("id1", "ghost"), List.of(ProfileTags.NICK, ProfileTags.LEVEL)));
    assertThat(im.take("profile", "portrait_get"))
        .isEqualTo(
            json("{\"To_Account\":[\"id1\",\"ghost\"],\"TagList\":[\"Tag_Profile_IM_Nick\",\"Tag_Profile_IM_Level\"]}"));
    assertThat(profiles.get(0).nick()).isEqualTo("NickNameTest1");
    assertThat(profiles.get(0).tags().get(ProfileTags.LEVEL)).isEqualTo(3);
    assertThat(profiles.get(1).resultCode()).isEqualTo(40003);

    im.ok();
    Map<String, Object> tags = new LinkedHashMap<>();
    tags.put(ProfileTags.NICK, "MyNickName");
    tags.put(ProfileTags.LEVEL, 5);
    get(client.setProfile("bot", tags));
    assertThat(im.take("profile", "portrait_set"))
        .isEqualTo(
            json(
                "{\"From_Account\":\"bot\",\"ProfileItem\":[{\"Tag\":\"Tag_Profile_IM_Nick\",\"Value\":\"MyNickName\"},"
                    + "{\"Tag\":\"Tag_Profile_IM_Level\",\"Value\":5}]}"));
  }

  // --- generic -------------------------------------------------------------------------------

  @Test
  void call_anyApiWithAnEmptyBodyIsSentAsAnEmptyObject() throws Exception {
    im.ok("\"AllC2CUnreadMsgNum\":12");
    JsonNode answer = json(get(client.call("openim", "get_c2c_unread_msg_num", null)));
    assertThat(im.take("openim", "get_c2c_unread_msg_num")).isEqualTo(json("{}"));
    assertThat(answer.get("AllC2CUnreadMsgNum").asInt()).isEqualTo(12);

    im.ok();
    get(client.call("openim", "get_c2c_unread_msg_num", "{\"To_Account\":\"dramon1\"}"));
    assertThat(im.take("openim", "get_c2c_unread_msg_num")).isEqualTo(json("{\"To_Account\":\"dramon1\"}"));
  }

  @Test
  void closedClientRefusesCalls() {
    client.close();
    assertThatThrownBy(() -> get(client.getAllRobots()))
        .cause()
        .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode()).isEqualTo(6014));
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(client.toString()).doesNotContain(FakeImServer.KEY).contains("1400000000");
  }
}
