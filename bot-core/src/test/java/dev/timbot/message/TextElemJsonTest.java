package dev.timbot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.timbot.Outgoing;
import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackParser;
import dev.timbot.internal.json.WireJson;
import dev.timbot.internal.outbox.OutgoingCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text elements are read straight off the parser and written by hand (issue 15): every shape reads
 * to exactly the element it did when every {@code MsgContent} was buffered first, and every element
 * writes the bytes it did through the record writer. The expectations were taken from the buffering
 * reader and the record writer before the direct paths existed.
 */
class TextElemJsonTest {
  private static final String TEXT = "\"MsgType\":\"TIMTextElem\"";

  private static String text(String content) {
    return "{" + TEXT + ",\"MsgContent\":" + content + "}";
  }

  private static UnknownElem rawText(String contentJson) {
    return new UnknownElem(TextElem.MSG_TYPE, contentJson);
  }

  static Stream<Arguments> elements() {
    return Stream.of(
        // The shape Tencent IM sends, and fields around it.
        row(text("{\"Text\":\"hi\"}"), TextElem.of("hi")),
        row(text("{\"Text\":\"\"}"), TextElem.of("")),
        row("{\"MsgContent\":{\"Text\":\"hi\"}," + TEXT + "}", TextElem.of("hi")),
        row("{\"Extra\":{\"x\":[1]}," + TEXT + ",\"MsgContent\":{\"Text\":\"hi\"},\"After\":[1,{\"y\":null}]}",
            TextElem.of("hi")),
        row(text("{\"Text\":\"a\\\"b\\\\c\\n\\t\\u00e9\\ud83d\\ude00\\u2028\\/\\u0001\"}"),
            TextElem.of("a\"b\\c\n\t\u00e9\ud83d\ude00\u2028/\u0001")),
        row(text("{\"Text\":\"\u4f60\u597d \u00e9 \ud83d\ude00\"}"), TextElem.of("\u4f60\u597d \u00e9 \ud83d\ude00")),
        // Fields the record does not have, before and after Text, are ignored.
        row(text("{\"Lang\":\"zh\",\"Text\":\"hi\"}"), TextElem.of("hi")),
        row(text("{\"Lang\":{\"a\":[1,{\"b\":2.50}]},\"Text\":\"hi\"}"), TextElem.of("hi")),
        row(text("{\"Text\":\"hi\",\"NewField\":1}"), TextElem.of("hi")),
        row(text("{\"Text\":\"hi\",\"N\":[1,{\"x\":null}],\"M\":\"m\"}"), TextElem.of("hi")),
        // Text that is not a string: the record reader coerces scalars and refuses the rest.
        row(text("{\"Text\":null}"), rawText("{\"Text\":null}")),
        row(text("{\"Text\":123}"), TextElem.of("123")),
        row(text("{\"Text\":1.50}"), TextElem.of("1.50")),
        row(text("{\"Text\":true}"), TextElem.of("true")),
        row(text("{\"Text\":{\"a\":1.50}}"), rawText("{\"Text\":{\"a\":1.5}}")),
        row(text("{\"Text\":[\"a\"]}"), rawText("{\"Text\":[\"a\"]}")),
        row(text("{\"n\":1.50,\"Text\":null}"), rawText("{\"n\":1.5,\"Text\":null}")),
        // Text missing.
        row(text("{}"), rawText("{}")),
        row(text("{\"Other\":\"x\"}"), rawText("{\"Other\":\"x\"}")),
        // Text twice: the record reader refuses a repeated Text; the raw content is as the tree keeps
        // it, the last value in the first one's place.
        row(text("{\"Text\":\"one\",\"Text\":\"two\"}"), TextElem.of("two")),
        row(text("{\"Text\":\"one\",\"X\":[1],\"Text\":\"two\"}"), TextElem.of("two")),
        row(text("{\"Text\":\"one\",\"Text\":null}"), rawText("{\"Text\":null}")),
        row(text("{\"Text\":\"one\",\"N\":{\"a\":[1,2.50]},\"Text\":5}"), rawText("{\"Text\":5,\"N\":{\"a\":[1,2.5]}}")),
        row(text("{\"Text\":null,\"Text\":\"two\"}"), rawText("{\"Text\":\"two\"}")),
        // MsgContent that is not an object.
        row(text("[1,2]"), rawText("[1,2]")),
        row(text("\"text\""), rawText("\"text\"")),
        row(text("null"), rawText("null")),
        row(text("12.50"), rawText("12.5")),
        row("{" + TEXT + "}", rawText(null)),
        // MsgContent twice: the later one counts.
        row(text("{\"Text\":\"a\"},\"MsgContent\":{\"Text\":\"b\"}"), TextElem.of("b")),
        row(text("{\"Text\":\"a\"},\"MsgContent\":[1]"), rawText("[1]")),
        row(text("[1],\"MsgContent\":{\"Text\":\"b\"}"), TextElem.of("b")),
        row(text("{\"Text\":\"a\"},\"MsgContent\":{\"Text\":null}"), rawText("{\"Text\":null}")),
        row(text("{\"Text\":null},\"MsgContent\":{\"Text\":\"b\"}"), TextElem.of("b")),
        // MsgType again after MsgContent: the later one counts.
        row(text("{\"Text\":\"a\"},\"MsgType\":\"TIMTextElem\""), TextElem.of("a")),
        row(text("{\"Text\":\"a\"},\"MsgType\":\"TIMNewElem\""), new UnknownElem("TIMNewElem", "{\"Text\":\"a\"}")),
        row(text("{\"Text\":\"a\"},\"MsgType\":\"TIMFaceElem\""), FaceElem.of(0, null)),
        row(text("{\"Text\":\"a\"},\"MsgType\":null"), new UnknownElem("", "{\"Text\":\"a\"}")),
        row("{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Text\":\"a\"}," + TEXT + "}", TextElem.of("a")),
        // Other types are as they were.
        row("{\"MsgType\":\"TIMNewElem\",\"MsgContent\":{\"Text\":\"a\",\"N\":2.50}}",
            new UnknownElem("TIMNewElem", "{\"Text\":\"a\",\"N\":2.5}")),
        row("{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":6,\"Data\":\"abc\"}}", FaceElem.of(6, "abc")),
        row("{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":\"d\",\"Desc\":\"push\"}}",
            CustomElem.of("d", "push")),
        row("{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":\"x\"}}",
            new UnknownElem(FaceElem.MSG_TYPE, "{\"Index\":\"x\"}")));
  }

  private static Arguments row(String json, MessageElem expected) {
    return Arguments.of(json, expected);
  }

  @ParameterizedTest
  @MethodSource("elements")
  void readsAsTheBufferingReaderDid(String json, MessageElem expected) throws Exception {
    // Text and bytes go through different parsers; both are read straight, not through a tree.
    assertThat(MessageJson.fromJson(json)).isEqualTo(expected);
    assertThat(WireJson.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), MessageElem.class))
        .isEqualTo(expected);
    // And from tokens Jackson buffered itself (a creator's or a type id's buffering, MessageJson.readBody).
    try (JsonParser source = WireJson.mapper().createParser(json)) {
      source.nextToken();
      TokenBuffer tokens = TokenBuffer.asCopyOfValue(source);
      assertThat(WireJson.mapper().readValue(tokens.asParser(WireJson.mapper()), MessageElem.class))
          .isEqualTo(expected);
    }
  }

  /**
   * A token stream cut short inside a text's content (a parser over bytes throws instead; a token
   * source of someone's own may end): read as the buffering reader read it, not a NullPointerException.
   */
  @Test
  void aTokenStreamCutShortInsideTheContentReadsAsItDid() throws Exception {
    TokenBuffer cutAfterText = new TokenBuffer(WireJson.mapper(), false);
    cutAfterText.writeStartObject();
    cutAfterText.writeStringField("MsgType", TextElem.MSG_TYPE);
    cutAfterText.writeFieldName("MsgContent");
    cutAfterText.writeStartObject();
    cutAfterText.writeStringField("Text", "s");
    assertThat(WireJson.mapper().readValue(cutAfterText.asParser(WireJson.mapper()), MessageElem.class))
        .isEqualTo(TextElem.of("s"));

    TokenBuffer cutAtAField = new TokenBuffer(WireJson.mapper(), false);
    cutAtAField.writeStartObject();
    cutAtAField.writeStringField("MsgType", TextElem.MSG_TYPE);
    cutAtAField.writeFieldName("MsgContent");
    cutAtAField.writeStartObject();
    cutAtAField.writeFieldName("X");
    assertThatThrownBy(() -> WireJson.mapper().readValue(cutAtAField.asParser(WireJson.mapper()), MessageElem.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
  }

  /**
   * The common shape is not buffered at all; any other is buffered token for token as {@code
   * bufferAsCopyOfValue} buffers it, and the parser is left after the content either way.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"Text\":\"hi\"}", "{\"Text\":\"a\\\"\\u00e9\"}", "{}", "{\"Text\":null}", "{\"Text\":1.50}",
      "{\"Text\":{\"a\":[1,-2e3]}}", "{\"Text\":[\"a\"]}", "{\"Lang\":\"zh\",\"Text\":\"hi\"}",
      "{\"Text\":\"hi\",\"N\":[1,{\"x\":null}],\"M\":12345678901234567890}", "{\"Text\":\"one\",\"Text\":\"two\"}",
      "{\"Text\":\"one\",\"Text\":false}"})
  void onlyTheCommonShapeIsReadDirectly(String content) throws Exception {
    String doc = "[" + content + ",7]";
    try (JsonParser direct = parserAtContent(doc); JsonParser copied = parserAtContent(doc)) {
      DeserializationContext ctxt = context(direct);
      ElemContent read = ElemContent.read(direct, ctxt, true);
      TokenBuffer expected = ctxt.bufferAsCopyOfValue(copied);
      boolean common = content.startsWith("{\"Text\":\"") && content.indexOf(',') < 0;
      assertThat(read.text()).isEqualTo(common ? TextElem.class.cast(MessageJson.fromJson(text(content))).text() : null);
      assertThat(read.isObject()).isTrue();
      assertThat(tokens(read.tokens(direct, ctxt))).isEqualTo(tokens(expected));
      assertThat(direct.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
      assertThat(direct.getIntValue()).isEqualTo(7);
    }
  }

  private static JsonParser parserAtContent(String doc) throws Exception {
    JsonParser p = ElemJson.MAPPER.createParser(doc);
    p.nextToken();
    p.nextToken();
    return p;
  }

  private static DeserializationContext context(JsonParser p) {
    DefaultDeserializationContext blueprint = (DefaultDeserializationContext) ElemJson.MAPPER.getDeserializationContext();
    return blueprint.createInstance(ElemJson.MAPPER.getDeserializationConfig(), p, null);
  }

  /** Each token with its text and, for a number, its type and value. */
  private static List<String> tokens(TokenBuffer buffer) throws Exception {
    List<String> tokens = new ArrayList<>();
    try (JsonParser in = buffer.asParser()) {
      for (JsonToken t = in.nextToken(); t != null; t = in.nextToken()) {
        tokens.add(t + " " + in.getText() + (t.isNumeric() ? " " + in.getNumberType() + " " + in.getNumberValue() : ""));
      }
    }
    return tokens;
  }

  /** Broken JSON inside a text element's content is reported as the parser found it. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"Text":"a"                 | Unexpected end-of-input: expected close marker for Object
      {"Text":"a" "b"}}           | Unexpected character ('"' (code 34)): was expecting comma to separate Object entries
      {"Text":tru}}               | Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
      {"X":1,"Text":"a",}}        | Unexpected character ('}' (code 125)): was expecting double-quote to start field name
      {"Text":"a","Text":[}}      | Unexpected close marker '}': expected ']'
      """)
  void brokenContentFailsAsItDid(String content, String problem) {
    assertThatThrownBy(() -> MessageJson.fromJson(text(content)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a message element: " + problem)
        .hasCauseInstanceOf(JsonParseException.class);
  }

  @Test
  void aTextElementInACallbackBody() throws Exception {
    String body = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"u1\",\"To_Account\":\"bot\","
        + "\"MsgSeq\":\"42\",\"MsgRandom\":7,\"MsgTime\":1767225600,\"MsgKey\":\"42_7_1767225600\",\"MsgId\":\"m-1\","
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi \\u00e9\\n\"}},"
        + "{\"MsgContent\":{\"Text\":\"late type\"},\"MsgType\":\"TIMTextElem\"},"
        + "{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"x\",\"Text\":null}},"
        + "{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":null,\"N\":1.50}},"
        + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":1,\"Data\":\"d\"}}],\"CloudCustomData\":\"c\"}";
    var event = CallbackParser.parse("Bot.OnC2CMessage", body.getBytes(StandardCharsets.UTF_8));
    assertThat(event).isInstanceOf(C2CMessageCallback.class);
    C2CMessageCallback c2c = (C2CMessageCallback) event;
    assertThat(c2c.msgBody()).containsExactly(TextElem.of("hi \u00e9\n"), TextElem.of("late type"), rawText("{\"Text\":null}"),
        rawText("{\"Text\":null,\"N\":1.5}"), FaceElem.of(1, "d"));
    assertThat(c2c.cloudCustomData()).isEqualTo("c");
  }

  /** Text the writer must escape as Jackson does: quotes, backslash, controls; other non-ASCII stays raw. */
  private static final String AWKWARD = "hi \"q\" \\ \n\t\u0001 \u00e9 \u4f60 \u2028 \ud83d\ude00 </";

  private static final List<MessageElem> SENT = List.of(TextElem.of(AWKWARD), FaceElem.of(1, "d"), TextElem.of(""));

  /** The body as written, with the emoji as given: the UTF-8 generator escapes a surrogate pair. */
  private static String body(String emoji) {
    return "[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":"
        + "\"hi \\\"q\\\" \\\\ \\n\\t\\u0001 \u00e9 \u4f60 \u2028 " + emoji + " </\"}},"
        + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":1,\"Data\":\"d\"}},"
        + "{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"\"}}]";
  }

  @Test
  void writesTheBytesTheRecordWriterDid() throws Exception {
    String bytes = body("\\uD83D\\uDE00");
    assertThat(WireJson.mapper().writeValueAsBytes(SENT)).isEqualTo(bytes.getBytes(StandardCharsets.UTF_8));
    assertThat(OutgoingCodec.encode(new Outgoing(Conversation.c2c("u1"), SENT, null)))
        .isEqualTo(("{\"To\":\"C2Cu1\",\"MsgBody\":" + bytes + "}").getBytes(StandardCharsets.UTF_8));
    assertThat(MessageJson.writeBody(SENT)).isEqualTo(body("\ud83d\ude00"));
  }

  @Test
  void theGeneratorsSettingsApplyAsTheyDid() throws Exception {
    ObjectMapper mapper = WireJson.newMapper();
    assertThat(mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(SENT.get(0)))
        .isEqualTo("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":"
            + "\"hi \\\"q\\\" \\\\ \\n\\t\\u0001 \\u00E9 \\u4F60 \\u2028 \\uD83D\\uDE00 </\"}}");
    String nl = System.lineSeparator();
    assertThat(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(List.of(TextElem.of("a"))))
        .isEqualTo("[ {" + nl + "  \"MsgType\" : \"TIMTextElem\"," + nl + "  \"MsgContent\" : {" + nl
            + "    \"Text\" : \"a\"" + nl + "  }" + nl + "} ]");
  }
}
