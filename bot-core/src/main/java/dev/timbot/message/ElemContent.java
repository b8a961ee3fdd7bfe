package dev.timbot.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/**
 * An element's {@code MsgContent} as {@link ElemJson.Reader} read it: as tokens, because the
 * content may come before its {@code MsgType} and binds only once the type is known; or, for the
 * {@code {"Text": "..."}} of a text element whose type came first — what Tencent IM sends, nearly
 * every element received — as that text, read straight off the parser. Buffering it cost every
 * message a token buffer, its segments and a parser over them (issue 15).
 */
final class ElemContent {
  /** The one field of a text element's content. */
  static final String TEXT = "Text";

  /** The text read directly, or null when the content was buffered. */
  private final String text;
  /** The content's tokens: null while a text read directly has not been asked for as tokens. */
  private TokenBuffer tokens;
  private final boolean isObject;

  private ElemContent(String text, TokenBuffer tokens, boolean isObject) {
    this.text = text;
    this.tokens = tokens;
    this.isObject = isObject;
  }

  /**
   * Reads the value the parser stands on; {@code textExpected} when the element's type, as read so
   * far, is a text element's.
   */
  static ElemContent read(JsonParser p, DeserializationContext ctxt, boolean textExpected) throws IOException {
    boolean isObject = p.currentToken() == JsonToken.START_OBJECT;
    // A format with native ids (YAML anchors and tags) has them buffered with the tokens; the
    // direct read would drop them.
    if (isObject && textExpected && !p.canReadObjectId() && !p.canReadTypeId()) {
      return readText(p, ctxt);
    }
    return new ElemContent(null, ctxt.bufferAsCopyOfValue(p), isObject);
  }

  /**
   * Reads {@code {"Text": "..."}} directly. At the first token of any other shape, what was read so
   * far is written to a buffer and the rest of the object copied after it: the content is then
   * buffered exactly as if it had been buffered whole, and binds as it always did.
   */
  private static ElemContent readText(JsonParser p, DeserializationContext ctxt) throws IOException {
    String text = null;
    JsonToken t = p.nextToken();
    if (t == JsonToken.FIELD_NAME && TEXT.equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_STRING) {
      text = p.getText();
      t = p.nextToken();
    }
    // No token at all: a token stream cut short (a parser over bytes throws instead), read as the buffering did.
    if (text != null && (t == JsonToken.END_OBJECT || t == null)) {
      return new ElemContent(text, null, true);
    }
    return new ElemContent(null, bufferRest(p, ctxt, text), true);
  }

  /**
   * The content, already read up to the parser's position ({@code textRead}, if not null, was its
   * first field), as tokens. The parser stands on a field name, the end of the object, or the value
   * of a field whose name it has read.
   */
  private static TokenBuffer bufferRest(JsonParser p, DeserializationContext ctxt, String textRead)
      throws IOException {
    TokenBuffer buffer = startBuffer(p, ctxt, textRead);
    JsonToken t = p.currentToken();
    if (t != null && t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
      buffer.writeFieldName(p.currentName());
    }
    // Event by event to the content's end, as bufferAsCopyOfValue copies: a token stream cut short
    // (no token, where a parser over bytes throws) ends the copy instead of failing inside it.
    for (int depth = 1; t != null; t = p.nextToken()) {
      if (t.isStructEnd() && --depth == 0) {
        buffer.writeEndObject();
        break;
      }
      if (t.isStructStart()) {
        depth++;
      }
      buffer.copyCurrentEvent(p);
    }
    return buffer;
  }

  /** A buffer as {@link DeserializationContext#bufferAsCopyOfValue} makes it, opened with the object. */
  private static TokenBuffer startBuffer(JsonParser p, DeserializationContext ctxt, String textRead)
      throws IOException {
    TokenBuffer buffer = ctxt.bufferForInputBuffering(p);
    buffer.writeStartObject();
    if (textRead != null) {
      buffer.writeFieldName(TEXT);
      buffer.writeString(textRead);
    }
    return buffer;
  }

  /** The text read directly; null when the content was buffered. */
  String text() {
    return text;
  }

  boolean isObject() {
    return isObject;
  }

  /**
   * The content as tokens. A text read directly is buffered now, when a later {@code MsgType} in
   * the element turned out not to be a text's after all.
   */
  TokenBuffer tokens(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (tokens == null) {
      tokens = startBuffer(p, ctxt, text);
      tokens.writeEndObject();
    }
    return tokens;
  }
}
