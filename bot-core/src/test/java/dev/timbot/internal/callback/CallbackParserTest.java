package dev.timbot.internal.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Binding straight from bytes gives the record the tree path gives, and refusals stay the tree path's. */
class CallbackParserTest {
  static final String C2C = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"u1\",\"To_Account\":\"bot\","
      + "\"MsgSeq\":\"42\",\"MsgRandom\":7,\"MsgTime\":1767225600,\"MsgKey\":\"42_7_1767225600\",\"MsgId\":\"m-1\","
      + "\"Unknown\":{\"x\":[1,2]},\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi\"}},"
      + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":1,\"Data\":\"d\"}}],\"CloudCustomData\":\"c\"}";

  static CallbackEvent viaTree(String query, String body) throws CallbackRejected {
    var node = CallbackParser.readObject(body.getBytes(StandardCharsets.UTF_8));
    return CallbackParser.bind(CallbackParser.resolveCommand(query, node), node);
  }

  static CallbackEvent parse(String query, String body) throws CallbackRejected {
    return CallbackParser.parse(query, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void directBindingEqualsTheTreePath() throws Exception {
    CallbackEvent direct = parse("Bot.OnC2CMessage", C2C);
    assertThat(direct).isInstanceOf(C2CMessageCallback.class).isEqualTo(viaTree("Bot.OnC2CMessage", C2C));
    assertThat(((C2CMessageCallback) direct).msgSeq()).isEqualTo(42);
    // Other spellings and a missing body command take the tree path and still resolve canonically.
    String lower = C2C.replace("\"Bot.OnC2CMessage\"", "\"bot.onc2cmessage\"");
    assertThat(parse("BOT.ONC2CMESSAGE", lower)).isEqualTo(direct);
    String none = C2C.replace("\"CallbackCommand\":\"Bot.OnC2CMessage\",", "");
    assertThat(parse("Bot.OnC2CMessage", none)).isEqualTo(direct);
    assertThat(parse(null, C2C)).isEqualTo(direct);
  }

  @Test
  void refusalsAreTheTreePaths() {
    assertThatThrownBy(() -> parse("Bot.OnC2CMessage", C2C + " {}"))
        .isInstanceOf(CallbackRejected.class).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> parse("Bot.OnC2CMessage", C2C.replace("\"MsgSeq\":\"42\"", "\"MsgSeq\":{\"a\":1}")))
        .isInstanceOf(CallbackRejected.class).hasMessageContaining("MsgSeq");
    assertThatThrownBy(() -> parse("Bot.OnGroupMessage", C2C))
        .isInstanceOf(CallbackRejected.class).hasMessageContaining("differs");
  }
}
