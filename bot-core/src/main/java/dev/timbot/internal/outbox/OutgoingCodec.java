package dev.timbot.internal.outbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.timbot.Outgoing;
import dev.timbot.internal.json.WireJson;
import dev.timbot.message.Conversation;
import dev.timbot.message.MessageElem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Outgoing} as the outbox stores it: JSON with the conversation and the TIM message body,
 * {@code {"To":…,"MsgBody":[…],"CloudCustomData":…}}. Written and read with Jackson's streaming
 * API: the elements go straight to and from bytes, without a tree or an intermediate string.
 */
public final class OutgoingCodec {
  private static final ObjectMapper JSON = WireJson.mapper();
  private static final TypeReference<List<MessageElem>> BODY = new TypeReference<>() {};
  private static final ObjectWriter BODY_WRITER = JSON.writerFor(BODY);
  private static final ObjectReader BODY_READER = JSON.readerFor(BODY);

  private OutgoingCodec() {}

  /**
   * The bytes of the encoding under way on this thread, kept from one send to the next: a fresh
   * stream cost each send an array of its own besides the result (issue 15). Nothing re-enters
   * {@link #encode} while it writes (element serializers call no user code).
   */
  private static final ThreadLocal<ByteArrayOutputStream> BUFFER = ThreadLocal.withInitial(OutgoingCodec::buffer);
  /** A buffer grown past this by a large message is not kept. */
  private static final int KEPT_BYTES = 16 << 10;

  private static ByteArrayOutputStream buffer() {
    return new ByteArrayOutputStream(512);
  }

  public static byte[] encode(Outgoing out) {
    ByteArrayOutputStream bytes = BUFFER.get();
    bytes.reset();
    try {
      write(out, bytes);
      return bytes.toByteArray();
    } finally {
      if (bytes.size() > KEPT_BYTES) {
        BUFFER.set(buffer());
      }
    }
  }

  private static void write(Outgoing out, ByteArrayOutputStream bytes) {
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("To", out.to().conversationId());
      g.writeFieldName("MsgBody");
      BODY_WRITER.writeValue(g, out.elements());
      if (out.cloudCustomData() != null) {
        g.writeStringField("CloudCustomData", out.cloudCustomData());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Outgoing decode(byte[] bytes) {
    String to = null;
    List<MessageElem> elements = null;
    String cloud = null;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "To" -> to = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
          case "MsgBody" -> elements = value == JsonToken.START_ARRAY ? BODY_READER.readValue(p) : skip(p);
          case "CloudCustomData" -> cloud = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("an outbox entry could not be read: " + e.getMessage(), e);
    }
    if (to == null || elements == null) {
      throw new UncheckedIOException("an outbox entry could not be read: no " + (to == null ? "To" : "MsgBody"),
          new IOException("incomplete outbox entry"));
    }
    return new Outgoing(Conversation.parse(to), elements, cloud);
  }

  /** A MsgBody that is not an array: no elements (as the tree reader had it). */
  private static List<MessageElem> skip(JsonParser p) throws IOException {
    p.skipChildren();
    return new ArrayList<>();
  }
}
