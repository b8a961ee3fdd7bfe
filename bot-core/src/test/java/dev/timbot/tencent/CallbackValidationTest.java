package dev.timbot.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.ReceivedCallback;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Payloads the service never sends are refused with 400 naming the field, before the ack. */
class CallbackValidationTest {
  static final String C2C = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":%s,\"To_Account\":\"bot\","
      + "\"MsgSeq\":1,\"MsgRandom\":2,\"MsgTime\":1700000000,\"MsgKey\":\"1_2_1700000000\","
      + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi\"}}]}";

  final List<ReceivedCallback> got = new ArrayList<>();
  final CallbackReceiver receiver =
      CallbackReceiver.builder().sdkAppId(1400000000L).executor(Runnable::run).sink(got::add).build();

  CallbackResponse post(String command, String body) {
    return receiver.handle(Map.of("SdkAppid", "1400000000", "CallbackCommand", command),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "null|From_Account is missing",
      "\"\"|From_Account is empty",
      "\"  \"|From_Account is empty"})
  void c2cWithoutSender(String from, String message) {
    CallbackResponse r = post("Bot.OnC2CMessage", C2C.formatted(from));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains(message);
    assertThat(got).isEmpty();
  }

  @Test
  void c2cWithoutTheSenderField() {
    CallbackResponse r = post("Bot.OnC2CMessage", C2C.formatted("\"x\"").replace("\"From_Account\":\"x\",", ""));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("From_Account is missing");
  }

  @Test
  void groupMessageWithoutGroupId() {
    CallbackResponse r = post("Group.CallbackAfterSendMsg", "{\"From_Account\":\"jared\",\"Random\":1,"
        + "\"MsgSeq\":1,\"MsgTime\":1700000000,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"/help\"}}]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("GroupId is missing");
    assertThat(got).isEmpty();
  }

  @Test
  void readReportFarInTheFuture() {
    CallbackResponse r = post("C2C.CallbackAfterMsgReport", "{\"Report_Account\":\"a\",\"Peer_Account\":\"b\","
        + "\"LastReadTime\":" + Long.MAX_VALUE + "}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("LastReadTime is out of range");
    assertThat(got).isEmpty();
  }

  @Test
  void negativeEventTimeAndNullElements() {
    assertThat(post("Bot.OnC2CMessage", C2C.formatted("\"a\"").replace("}]}", "}],\"EventTime\":-5}")).body())
        .contains("EventTime is out of range");
    assertThat(post("Bot.OnC2CMessage", C2C.formatted("\"a\"").replace("\"MsgBody\":[", "\"MsgBody\":[null,")).status())
        .isEqualTo(400);
    assertThat(post("Group.CallbackAfterNewMemberJoin", "{\"GroupId\":\"g\",\"NewMemberList\":[{}]}").body())
        .contains("NewMemberList.Member_Account is missing");
    assertThat(got).isEmpty();
  }

  @Test
  void theDocumentedShapesStillPass() {
    assertThat(post("Bot.OnC2CMessage", C2C.formatted("\"jared\"")).status()).isEqualTo(200);
    assertThat(got).hasSize(1);
  }
}
