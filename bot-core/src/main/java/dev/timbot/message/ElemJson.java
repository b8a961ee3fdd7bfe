package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Map;

/**
 * The documented {@code {"MsgType": ..., "MsgContent": {...}}} shape of an element. {@link
 * MessageElem} names these (de)serializers in its Jackson annotations, so any mapper — the
 * runtime's wire mapper, a plugin's own — reads and writes elements the same way without
 * registering anything, and the model depends on no other package of timbot.
 */
final class ElemJson {
  /** The documented {@code MsgType} names and the record each one maps to. */
  static final Map<String, Class<? extends MessageElem>> BY_NAME = Map.of(
      TextElem.MSG_TYPE, TextElem.class,
      FaceElem.MSG_TYPE, FaceElem.class,
      LocationElem.MSG_TYPE, LocationElem.class,
      CustomElem.MSG_TYPE, CustomElem.class,
      ImageElem.MSG_TYPE, ImageElem.class,
      SoundElem.MSG_TYPE, SoundElem.class,
      FileElem.MSG_TYPE, FileElem.class,
      VideoFileElem.MSG_TYPE, VideoFileElem.class);

  /** Bodies come from the network: nesting and string sizes are bounded. */
  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
              .maxStringLength(4 * 1024 * 1024).build())
          .build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  /**
   * Reads and writes the records' own fields ({@code MsgContent}). The mix-in switches off the
   * element-level (de)serializers here, or writing a record would call itself.
   */
  private static final ObjectMapper CONTENT = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .addMixIn(MessageElem.class, PlainRecord.class)
      .build();

  /** A writer and a reader per record type, made once (ObjectWriter/ObjectReader are immutable and shared). */
  private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
    @Override
    protected ObjectWriter computeValue(Class<?> type) {
      return CONTENT.writerFor(type);
    }
  };

  private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
    @Override
    protected ObjectReader computeValue(Class<?> type) {
      return CONTENT.readerFor(type);
    }
  };

  @JsonSerialize(using = JsonSerializer.None.class)
  @JsonDeserialize(using = JsonDeserializer.None.class)
  private interface PlainRecord {}

  /** Written as the record writer writes a property name. */
  private static final SerializableString TEXT_FIELD = new SerializedString(ElemContent.TEXT);

  private ElemJson() {}

  static final class Writer extends StdSerializer<MessageElem> {
    Writer() {
      super(MessageElem.class);
    }

    @Override
    public void serialize(MessageElem value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeStartObject();
      gen.writeStringField("MsgType", value.msgType());
      gen.writeFieldName("MsgContent");
      if (value instanceof UnknownElem unknown) {
        gen.writeRawValue(unknown.contentJson());
      } else if (value instanceof TextElem text) {
        writeText(text, gen);
      } else {
        WRITERS.get(value.getClass()).writeValue(gen, value);
      }
      gen.writeEndObject();
    }

    /**
     * A text's content as the record writer wrote it ({@code Text} is never null), by hand: the
     * record writer made a serializer provider for every element it wrote (issue 15).
     */
    private static void writeText(TextElem text, JsonGenerator gen) throws IOException {
      gen.writeStartObject(text);
      gen.writeFieldName(TEXT_FIELD);
      gen.writeString(text.text());
      gen.writeEndObject();
    }
  }

  /**
   * Reads an element; an unknown {@code MsgType}, or a known one whose content does not fit its
   * record, becomes an {@link UnknownElem} holding the raw content: nothing received is lost. The
   * content is buffered as tokens (it may come before its {@code MsgType}), not built into a tree,
   * unless it is a text read directly ({@link ElemContent}); a text element is bound from the tokens
   * by hand.
   */
  static final class Reader extends StdDeserializer<MessageElem> {
    Reader() {
      super(MessageElem.class);
    }

    @Override
    public MessageElem deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        t = p.nextToken();
      } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
        return new UnknownElem("", ctxt.readTree(p).toString());
      }
      String type = "";
      ElemContent content = null;
      for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("MsgType".equals(field)) {
          // As JsonNode.asText("") had it: scalars as their text, null and containers as "".
          type = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : "";
          p.skipChildren();
        } else if ("MsgContent".equals(field)) {
          content = ElemContent.read(p, ctxt, TextElem.MSG_TYPE.equals(type));
        } else {
          p.skipChildren();
        }
      }
      if (content != null && content.text() != null && TextElem.MSG_TYPE.equals(type)) {
        return new TextElem(content.text()); // what binding its tokens would give
      }
      TokenBuffer tokens = content == null ? null : content.tokens(p, ctxt);
      Class<? extends MessageElem> target = BY_NAME.get(type);
      if (target == null || tokens == null || !content.isObject()) {
        return new UnknownElem(type, tokens == null ? null : text(tokens));
      }
      try {
        MessageElem bound = target == TextElem.class ? text(tokens.asParser(p.getCodec())) : null;
        if (bound == null) {
          try (JsonParser in = tokens.asParser(CONTENT)) {
            bound = READERS.get(target).readValue(in);
          }
        }
        return bound;
      } catch (IOException | RuntimeException e) {
        return new UnknownElem(type, text(tokens));
      }
    }

    /**
     * {@code {"Text": "..."}} with nothing else that binds, as the record reader would have it; null
     * for anything else (the record reader decides, or says it does not fit).
     */
    private static TextElem text(JsonParser in) throws IOException {
      try (in) {
        in.nextToken(); // START_OBJECT
        String text = null;
        for (JsonToken t = in.nextToken(); t == JsonToken.FIELD_NAME; t = in.nextToken()) {
          JsonToken value = in.nextToken();
          if (!ElemContent.TEXT.equals(in.currentName())) {
            in.skipChildren(); // unknown fields are ignored, as by the record reader
          } else if (value == JsonToken.VALUE_STRING) {
            text = in.getText();
          } else {
            return null;
          }
        }
        return text == null ? null : new TextElem(text);
      }
    }

    /**
     * The buffered content as compact JSON text, exactly as the tree printed it before (numbers
     * normalised): a rare path, for content that does not bind.
     */
    private static String text(TokenBuffer content) throws IOException {
      try (JsonParser in = content.asParser(CONTENT)) {
        JsonNode tree = CONTENT.readTree(in);
        return tree == null ? null : tree.toString();
      }
    }
  }
}
