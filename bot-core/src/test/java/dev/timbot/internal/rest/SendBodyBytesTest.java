package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.internal.json.WireJson;
import dev.timbot.message.CustomElem;
import dev.timbot.message.LocationElem;
import dev.timbot.message.TextElem;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImMessages.SendMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * sendmsg bodies are written with the streaming generator (issue 15): the bytes are exactly those
 * the {@code ObjectNode} the body used to be built as gives, field order included.
 */
class SendBodyBytesTest {
  final List<RestRequest> sent = new ArrayList<>();
  final MessageCalls calls = new MessageCalls(r -> {
    sent.add(r);
    return CompletableFuture.completedFuture(Json.object().put("ErrorCode", 0));
  }, new Random(1), BotClock.system());

  @Test
  void everyFieldInTheOrderTheTreeHadIt() {
    SendMessage m = SendMessage.builder().from("bot").to("alice").syncOtherMachine(2).msgLifeTime(60)
        .msgSeq(7L).msgRandom(8L).forbidBeforeCallback(true).forbidAfterCallback(true)
        .sendMsgControl("NoUnread").sendMsgControl("NoLastMsg")
        .elements(List.of(TextElem.of("hé \"q\"\n"), new LocationElem("d", 29.340656774469, 116.5),
            new CustomElem("data", "desc", "ext", "s")))
        .cloudCustomData("{\"a\":1}").offlinePushInfo("{\"PushFlag\":0,\"Desc\":\"d\"}").needReadReceipt(true)
        .build();
    calls.send(m).join();

    ObjectNode tree = Json.object();
    tree.put("SyncOtherMachine", 2);
    tree.put("From_Account", "bot");
    tree.put("To_Account", "alice");
    tree.put("MsgLifeTime", 60);
    tree.put("MsgSeq", 7L);
    tree.put("MsgRandom", 8L);
    ArrayNode forbid = tree.putArray("ForbidCallbackControl");
    forbid.add("ForbidBeforeSendMsgCallback");
    forbid.add("ForbidAfterSendMsgCallback");
    tree.set("SendMsgControl", Json.strings(m.sendMsgControl()));
    tree.set("MsgBody", WireJson.writeBody(m.elements()));
    tree.put("CloudCustomData", "{\"a\":1}");
    tree.set("OfflinePushInfo", Json.parseObject(m.offlinePushInfo(), "offlinePushInfo"));
    tree.put("IsNeedReadReceipt", 1);
    assertThat(sent.get(0).body()).isEqualTo(tree.toString());
  }

  @Test
  void aPlainTextReplyHasOnlyItsFields() {
    calls.send(SendMessage.builder().from("bot").to("alice").msgSeq(1L).msgRandom(2L).add(TextElem.of("hi")).build())
        .join();
    assertThat(sent.get(0).body()).isEqualTo("{\"From_Account\":\"bot\",\"To_Account\":\"alice\",\"MsgSeq\":1,"
        + "\"MsgRandom\":2,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi\"}}]}");
  }
}
