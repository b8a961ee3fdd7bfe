package dev.timbot.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The element reader binds from tokens, not a tree (issue 15): awkward shapes read as they did
 * through the tree — fields in any order, extra fields, content that does not fit its record
 * (kept raw as the tree printed it), and non-object elements.
 */
class ElemReaderTest {
  private static final ObjectMapper TREE = new ObjectMapper();

  private static MessageElem read(String elem) {
    return MessageJson.fromJson(elem);
  }

  @Test
  void textElementsBindInAnyFieldOrderAndIgnoreWhatTheRecordDoesNotHave() {
    assertThat(read("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi\"}}")).isEqualTo(TextElem.of("hi"));
    assertThat(read("{\"MsgContent\":{\"Text\":\"hi\"},\"MsgType\":\"TIMTextElem\"}")).isEqualTo(TextElem.of("hi"));
    assertThat(read("{\"Extra\":[1,{\"a\":2}],\"MsgType\":\"TIMTextElem\",\"MsgContent\":"
        + "{\"Lang\":{\"x\":[1]},\"Text\":\"a\\\"b\\u00e9\"}}")).isEqualTo(TextElem.of("a\"b\u00e9"));
    assertThat(read("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"one\",\"Text\":\"two\"}}"))
        .as("the last of a repeated field, as the record reader had it").isEqualTo(TextElem.of("two"));
    assertThat(read("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":123}}"))
        .as("a number is coerced to text by the record reader").isEqualTo(TextElem.of("123"));
  }

  @Test
  void contentThatDoesNotFitIsKeptRawAsTheTreePrintedIt() throws Exception {
    String content = "{\"Text\":null,\"n\":[1,2.5,-3e2,true,null,{\"deep\":\"x\\ny\"}]}";
    MessageElem e = read("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":" + content + "}");
    assertThat(e).isInstanceOf(UnknownElem.class);
    assertThat(((UnknownElem) e).msgType()).isEqualTo("TIMTextElem");
    assertThat(((UnknownElem) e).contentJson()).isEqualTo(TREE.readTree(content).toString());
  }

  @Test
  void unknownTypesMissingContentAndNonObjectsAreUnknownElements() {
    assertThat(read("{\"MsgType\":\"TIMNewElem\",\"MsgContent\":{\"A\":1}}"))
        .isEqualTo(new UnknownElem("TIMNewElem", "{\"A\":1}"));
    assertThat(read("{\"MsgType\":\"TIMTextElem\"}")).isEqualTo(new UnknownElem("TIMTextElem", null));
    assertThat(read("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":\"text\"}"))
        .isEqualTo(new UnknownElem("TIMTextElem", "\"text\""));
    assertThat(read("{\"MsgType\":null,\"MsgContent\":null}")).isEqualTo(new UnknownElem("", "null"));
    assertThat(read("{\"MsgType\":{\"x\":1},\"MsgContent\":{}}")).isEqualTo(new UnknownElem("", "{}"));
    assertThat(MessageJson.readBody("[[1,2],\"s\",{}]"))
        .containsExactly(new UnknownElem("", "[1,2]"), new UnknownElem("", "\"s\""), new UnknownElem("", null));
  }

  @Test
  void elementsReadInsideALargerDocumentLeaveTheParserAfterThem() throws Exception {
    JsonNode tree = TREE.readTree("{\"MsgBody\":[{\"MsgContent\":{\"Text\":\"a\"},\"MsgType\":\"TIMTextElem\"},"
        + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":1,\"Data\":\"d\"}}],\"After\":1}");
    List<MessageElem> body = MessageJson.readBody(tree.get("MsgBody").toString());
    assertThat(body).containsExactly(TextElem.of("a"), new FaceElem(1, "d"));
  }
}
