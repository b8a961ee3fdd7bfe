package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the service refuses, the emulator refuses, with the documented code. */
class StrictnessTest {
  static final String TEXT = "[{'MsgType':'TIMTextElem','MsgContent':{'Text':'hi'}}]";
  LocalIm im = LocalIm.start();
  Rest rest = new Rest(im);

  @AfterEach
  void stop() {
    im.stop();
  }

  int code(String service, String command, String body) {
    return rest.call(service, command, body).path("ErrorCode").asInt();
  }

  @Test
  void typesAreTheDocumentedOnes() {
    rest.accounts("alice", "bob");
    // sendmsg: "MsgRandom 不是整数 → 90005"; "To_Account 不是字符串 → 90003".
    assertThat(code("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':'42','MsgBody':" + TEXT + "}")).isEqualTo(90005);
    assertThat(code("openim", "sendmsg", "{'To_Account':123,'MsgRandom':42,'MsgBody':" + TEXT + "}")).isEqualTo(90003);
    assertThat(code("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':4.5,'MsgBody':" + TEXT + "}")).isEqualTo(90005);
    // An account sent as a number: 60015 "请确认帐号为字符串格式".
    assertThat(code("openim", "sendmsg", "{'From_Account':7,'To_Account':'bob','MsgRandom':1,'MsgBody':" + TEXT + "}"))
        .isEqualTo(60015);
    // A bare string where the docs say Array.
    assertThat(code("openim", "batchsendmsg", "{'To_Account':'bob','MsgRandom':1,'MsgBody':" + TEXT + "}")).isEqualTo(90003);
    assertThat(code("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':1,'MsgBody':" + TEXT
        + ",'ForbidCallbackControl':'ForbidBeforeSendMsgCallback'}")).isEqualTo(90001);
    assertThat(code("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':1,'MsgBody':{'MsgType':'TIMTextElem'}}"))
        .isEqualTo(90007);
    // Element fields: Text must be a string.
    assertThat(code("openim", "sendmsg", "{'To_Account':'bob','MsgRandom':1,"
        + "'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':5}}]}")).isEqualTo(90010);
  }

  @Test
  void oldFieldNamesAreNotAliases() {
    assertThat(code("im_open_login_svc", "account_import", "{'Identifier':'carol'}")).isEqualTo(70402);
    assertThat(code("im_open_login_svc", "account_check", "{'CheckItem':['carol']}")).isEqualTo(70402);
    String gid = rest.call("group_open_http_svc", "create_group", "{'Type':'Public','Name':'G'}").path("GroupId").asText();
    assertThat(code("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','MsgRandom':1,'MsgBody':" + TEXT + "}"))
        .isEqualTo(10004);
    assertThat(code("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','Random':1,'MsgBody':" + TEXT + "}"))
        .isZero();
  }

  @Test
  void groupDuplicatesAreSameSenderAndRandomWithinFiveMinutes() {
    String gid = rest.call("group_open_http_svc", "create_group", "{'Type':'Public','Name':'G'}").path("GroupId").asText();
    JsonNode first = rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','Random':77,'MsgBody':"
        + TEXT + "}");
    // Different content, same sender and Random: a duplicate of the first (the documented rule).
    JsonNode again = rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','Random':77,'MsgBody':"
        + TEXT.replace("hi", "something else") + "}");
    assertThat(again.path("MsgSeq").asLong()).isEqualTo(first.path("MsgSeq").asLong());
    JsonNode other = rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','Random':78,'MsgBody':"
        + TEXT + "}");
    assertThat(other.path("MsgSeq").asLong()).isEqualTo(first.path("MsgSeq").asLong() + 1);
  }

  @Test
  void messagesAreAtMostEightKilobytesByDefaultAndTheBoundIsASetting() {
    rest.accounts("bob");
    String big = "x".repeat(8 * 1024);
    String c2c = "{'To_Account':'bob','MsgRandom':1,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'" + big + "'}}]}";
    assertThat(code("openim", "sendmsg", c2c)).isEqualTo(93000);
    String gid = rest.call("group_open_http_svc", "create_group", "{'Type':'Public','Name':'G'}").path("GroupId").asText();
    assertThat(code("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','Random':1,"
        + "'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'" + big + "'}}]}")).isEqualTo(80002);
    assertThat(code("openim", "sendmsg", c2c.replace(big, "x".repeat(7 * 1024)))).isZero();
    try (LocalIm roomy = LocalIm.builder().maxMessageBytes(12 * 1024).start()) {
      Rest r = new Rest(roomy);
      r.accounts("bob");
      assertThat(r.post(roomy.restUrl("openim", "sendmsg"), c2c.replace('\'', '"')).path("ErrorCode").asInt()).isZero();
    }
  }
}
