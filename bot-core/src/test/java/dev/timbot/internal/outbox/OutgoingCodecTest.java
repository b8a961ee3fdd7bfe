package dev.timbot.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.Outgoing;
import dev.timbot.message.Conversation;
import dev.timbot.message.FaceElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.UnknownElem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox's encoding, now streamed: the same JSON as before, read back whatever its field order. */
class OutgoingCodecTest {
  @Test
  void writesTheSameJsonAsBeforeAndReadsItBack() {
    Outgoing out = new Outgoing(Conversation.group("@TGS#1"),
        List.of(TextElem.of("a\u00e9\"b"), new FaceElem(3, "d"), new UnknownElem("TIMNew", "{\"x\":[1]}")), "ccd");
    byte[] bytes = OutgoingCodec.encode(out);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"To\":\"GROUP@TGS#1\",\"MsgBody\":["
        + "{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"a\u00e9\\\"b\"}},"
        + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":3,\"Data\":\"d\"}},"
        + "{\"MsgType\":\"TIMNew\",\"MsgContent\":{\"x\":[1]}}],\"CloudCustomData\":\"ccd\"}");
    assertThat(OutgoingCodec.decode(bytes)).isEqualTo(out);
  }

  /** The encoder keeps its buffer per thread: each encoding holds its own message only, large or small. */
  @Test
  void encodingsOneAfterAnotherHoldOnlyTheirOwnMessage() {
    Outgoing small = new Outgoing(Conversation.c2c("alice"), List.of(TextElem.of("hi")), null);
    Outgoing large = new Outgoing(Conversation.c2c("bob"), List.of(TextElem.of("x".repeat(40_000))), null);
    byte[] first = OutgoingCodec.encode(small);
    assertThat(OutgoingCodec.decode(OutgoingCodec.encode(large))).isEqualTo(large);
    byte[] again = OutgoingCodec.encode(small);
    assertThat(again).isEqualTo(first).isNotSameAs(first);
    assertThat(OutgoingCodec.decode(again)).isEqualTo(small);
  }

  @Test
  void readsFieldsInAnyOrderAndIgnoresOthers() {
    byte[] stored = ("{\"Later\":{\"a\":[1]},\"CloudCustomData\":null,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\","
        + "\"MsgContent\":{\"Text\":\"hi\"}}],\"To\":\"C2Calice\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(OutgoingCodec.decode(stored))
        .isEqualTo(new Outgoing(Conversation.c2c("alice"), List.of(TextElem.of("hi")), null));
  }

  @Test
  void anEntryThatIsNotOneIsAClearError() {
    assertThatThrownBy(() -> OutgoingCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("outbox entry could not be read");
    assertThatThrownBy(() -> OutgoingCodec.decode("{\"MsgBody\":[]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no To");
  }
}
