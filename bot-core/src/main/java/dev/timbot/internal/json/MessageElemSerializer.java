package dev.timbot.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.timbot.message.MessageElem;
import dev.timbot.message.UnknownElem;
import java.io.IOException;

/** Writes an element in the documented {@code {"MsgType": ..., "MsgContent": {...}}} shape. */
final class MessageElemSerializer extends StdSerializer<MessageElem> {
  private static final ObjectMapper CONTENT =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  MessageElemSerializer() {
    super(MessageElem.class);
  }

  @Override
  public void serialize(MessageElem value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeStartObject();
    gen.writeStringField("MsgType", value.msgType());
    gen.writeFieldName("MsgContent");
    if (value instanceof UnknownElem unknown) {
      gen.writeTree(unknown.content());
    } else {
      // Jackson matches this serializer for every MessageElem subtype, so the record itself is
      // written by a mapper that does not have it registered.
      CONTENT.writerFor(value.getClass()).writeValue(gen, value);
    }
    gen.writeEndObject();
  }
}
