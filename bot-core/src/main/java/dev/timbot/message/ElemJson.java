package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
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

  @JsonSerialize(using = JsonSerializer.None.class)
  @JsonDeserialize(using = JsonDeserializer.None.class)
  private interface PlainRecord {}

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
      } else {
        CONTENT.writerFor(value.getClass()).writeValue(gen, value);
      }
      gen.writeEndObject();
    }
  }

  /**
   * Reads an element; an unknown {@code MsgType}, or a known one whose content does not fit its
   * record, becomes an {@link UnknownElem} holding the raw content: nothing received is lost.
   */
  static final class Reader extends StdDeserializer<MessageElem> {
    Reader() {
      super(MessageElem.class);
    }

    @Override
    public MessageElem deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      if (!node.isObject()) {
        return new UnknownElem("", node.toString());
      }
      String type = node.path("MsgType").asText("");
      JsonNode content = node.get("MsgContent");
      Class<? extends MessageElem> target = BY_NAME.get(type);
      if (target == null || content == null || !content.isObject()) {
        return new UnknownElem(type, content == null ? null : content.toString());
      }
      try {
        return CONTENT.treeToValue(content, target);
      } catch (IOException | RuntimeException e) {
        return new UnknownElem(type, content.toString());
      }
    }
  }
}
