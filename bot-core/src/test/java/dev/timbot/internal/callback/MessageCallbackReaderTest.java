package dev.timbot.internal.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.timbot.internal.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand binder of message callbacks (issue 15) against Jackson's record binding: every body it
 * takes gives the very record Jackson gives, and every body that is not of the plain shape is left
 * to Jackson (null), so coercions, duplicates and refusals stay Jackson's.
 */
class MessageCallbackReaderTest {
  static final ObjectReader C2C_JACKSON = WireJson.mapper().readerFor(C2CMessageCallback.class)
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  static final ObjectReader GROUP_JACKSON = WireJson.mapper().readerFor(GroupMessageCallback.class)
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static final String C2C = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"u1\",\"To_Account\":\"bot\","
      + "\"MsgSeq\":      42,\"MsgRandom\":4294967295,\"MsgTime\":1767225600,\"MsgKey\":\"42_7_1767225600\","
      + "\"MsgId\":\"144115-1767225600-42\",\"OnlineOnlyFlag\":0,\"SendMsgResult\":0,\"ErrorInfo\":\"send msg succeed\","
      + "\"UnreadMsgNum\":1,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"h\\u00e9 \\\"q\\\"\\n 你好\"}},"
      + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":1,\"Data\":\"d\"}},"
      + "{\"MsgContent\":{\"Data\":\"x\",\"Desc\":\"y\"},\"MsgType\":\"TIMCustomElem\"},"
      + "{\"MsgType\":\"TIMNewThingElem\",\"MsgContent\":{\"A\":[1,2.50,{\"b\":null}]}},"
      + "{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":7}}],"
      + "\"CloudCustomData\":\"{\\\"k\\\":1}\",\"EventTime\":1767225600123}";

  static final String GROUP = "{\"CallbackCommand\":\"Bot.OnGroupMessage\",\"GroupId\":\"@TGS#1\",\"Type\":\"Public\","
      + "\"From_Account\":\"u1\",\"Operator_Account\":\"u1\",\"Random\":9,\"MsgSeq\":100,\"MsgTime\":1767225600,"
      + "\"OnlineOnlyFlag\":0,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"@bot hi\"}}],"
      + "\"CloudCustomData\":\"\",\"TopicId\":\"@TGS#1@TOPIC#t\",\"GroupAtInfo\":[{\"GroupAtAllFlag\":0,"
      + "\"GroupAt_Account\":\"bot\"},{\"GroupAtAllFlag\":1}],\"AtRobots_Account\":[\"bot\"],\"EventTime\":1767225600123}";

  /** Bodies the hand binder takes. */
  static List<String> plainC2C() {
    List<String> out = new ArrayList<>(List.of(
        C2C,
        "{}",
        " { \"CallbackCommand\" : \"Bot.OnC2CMessage\" } \n",
        C2C.replace("\"MsgBody\":[", "\"Extra\":{\"MsgBody\":[1,{\"x\":[]}]},\"MsgBody\":["),
        C2C.replace("\"MsgSeq\":      42", "\"MsgSeq\":-3"),
        C2C.replace("\"MsgSeq\":      42", "\"MsgSeq\":9223372036854775807"),
        C2C.replace("\"MsgBody\":[{", "\"MsgBody\":[],\"X\":[{").replace("\"CloudCustomData\"", "\"Y\":0,\"CloudCustomData\""),
        C2C.replace("\"EventTime\":1767225600123", "\"EventTime\":null"),
        C2C.replace("\"OnlineOnlyFlag\":0", "\"OnlineOnlyFlag\":null"),
        C2C.replace("\"OnlineOnlyFlag\":0", "\"OnlineOnlyFlag\":-2147483648")));
    out.add(C2C.replace("\"CloudCustomData\":\"{\\\"k\\\":1}\"", "\"CloudCustomData\":null"));
    for (String field : List.of("From_Account", "To_Account", "MsgKey", "MsgId", "ErrorInfo", "MsgBody",
        "UnreadMsgNum", "SendMsgResult")) {
      out.add(C2C.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+|\\[.*\\](?=,\"CloudCustomData))", "\"" + field + "\":null"));
    }
    return out;
  }

  /** Bodies left to Jackson. */
  static List<String> notPlainC2C() {
    return List.of(
        C2C.replace("\"MsgSeq\":      42", "\"MsgSeq\":\"42\""),
        C2C.replace("\"MsgSeq\":      42", "\"MsgSeq\":42.0"),
        C2C.replace("\"MsgSeq\":      42", "\"MsgSeq\":null"),
        C2C.replace("\"MsgSeq\":      42", "\"MsgSeq\":92233720368547758070"),
        C2C.replace("\"OnlineOnlyFlag\":0", "\"OnlineOnlyFlag\":2147483648"),
        C2C.replace("\"OnlineOnlyFlag\":0", "\"OnlineOnlyFlag\":true"),
        C2C.replace("\"From_Account\":\"u1\"", "\"From_Account\":7"),
        C2C.replace("\"From_Account\":\"u1\"", "\"From_Account\":[\"u1\"]"),
        C2C.replace("\"To_Account\":\"bot\"", "\"To_Account\":\"bot\",\"To_Account\":\"bot2\""),
        C2C.replace("\"To_Account\":\"bot\"", "\"To_Account\":\"bot\",\"fromAccount\":\"x\""),
        C2C.replace("\"MsgBody\":[", "\"MsgBody\":[null,"),
        C2C.replace("\"MsgBody\":[{", "\"MsgBody\":{\"a\":[{").replace("}],\"CloudCustomData\"", "}]},\"CloudCustomData\""),
        C2C + " {}",
        C2C + " x",
        C2C.substring(0, C2C.length() - 1),
        "[" + C2C + "]",
        "\"text\"");
  }

  static List<String> plainGroup() {
    return List.of(
        GROUP,
        GROUP.replace("AtRobots_Account", "AtRobotAccount"),
        GROUP.replace("\"GroupAtInfo\":[", "\"GroupAtInfo\":null,\"G\":[").replace("[\"bot\"]", "null"),
        GROUP.replace("\"MsgSeq\":100,", ""),
        GROUP.replace("[\"bot\"]", "[\"bot\",\"b2\"]").replace("\"GroupAtAllFlag\":0,", ""));
  }

  static List<String> notPlainGroup() {
    return List.of(
        GROUP.replace("\"Random\":9", "\"Random\":\"9\""),
        GROUP.replace("\"AtRobots_Account\":[\"bot\"]", "\"AtRobots_Account\":[\"bot\"],\"AtRobotAccount\":[\"b\"]"),
        GROUP.replace("\"AtRobots_Account\":[\"bot\"]", "\"AtRobots_Account\":\"bot\""),
        GROUP.replace("\"GroupAtInfo\":[", "\"GroupAtInfo\":[null,"),
        GROUP.replace("[\"bot\"]", "[\"bot\",null]"),
        GROUP.replace("\"Type\":\"Public\"", "\"type\":\"Public\""));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void c2cBodiesOfThePlainShapeGiveJacksonsRecord() throws Exception {
    assertThat(plainC2C()).as("every variant differs").doesNotHaveDuplicates();
    for (String body : plainC2C()) {
      C2CMessageCallback mine = MessageCallbackReader.c2c(bytes(body));
      assertThat(mine).as(body).isNotNull().isEqualTo(C2C_JACKSON.readValue(bytes(body)));
    }
    C2CMessageCallback c = MessageCallbackReader.c2c(bytes(C2C));
    assertThat(c.msgRandom()).isEqualTo(4294967295L);
    assertThat(c.msgBody()).hasSize(5);
  }

  @Test
  void groupBodiesOfThePlainShapeGiveJacksonsRecord() throws Exception {
    for (String body : plainGroup()) {
      GroupMessageCallback mine = MessageCallbackReader.group(bytes(body));
      assertThat(mine).as(body).isNotNull().isEqualTo(GROUP_JACKSON.readValue(bytes(body)));
    }
    assertThat(MessageCallbackReader.group(bytes(GROUP)).mentionedAccounts()).containsExactly("bot");
  }

  @Test
  void anythingElseIsLeftToJackson() {
    assertThat(notPlainC2C()).doesNotContain(C2C).doesNotHaveDuplicates();
    assertThat(notPlainGroup()).doesNotContain(GROUP).doesNotHaveDuplicates();
    for (String body : notPlainC2C()) {
      assertThat(MessageCallbackReader.c2c(bytes(body))).as(body).isNull();
    }
    for (String body : notPlainGroup()) {
      assertThat(MessageCallbackReader.group(bytes(body))).as(body).isNull();
    }
  }

  /** Through the parser: the same event, or the same refusal, as Jackson's binding alone gives. */
  @Test
  void theParserAnswersAsBefore() throws Exception {
    List<String> all = new ArrayList<>(plainC2C());
    all.addAll(notPlainC2C());
    for (String body : all) {
      Object viaJackson;
      try {
        viaJackson = CallbackParserTest.viaTree("Bot.OnC2CMessage", body);
      } catch (CallbackRejected r) {
        viaJackson = r.status() + " " + r.getMessage();
      }
      Object parsed;
      try {
        parsed = CallbackParser.parse("Bot.OnC2CMessage", bytes(body));
      } catch (CallbackRejected r) {
        parsed = r.status() + " " + r.getMessage();
      }
      assertThat(parsed).as(body).isEqualTo(viaJackson);
    }
  }
}
