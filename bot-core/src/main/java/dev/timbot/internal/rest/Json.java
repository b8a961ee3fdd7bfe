package dev.timbot.internal.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.internal.json.WireJson;
import dev.timbot.message.MessageElem;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small helpers to build request bodies and read answers leniently (absent = default). */
final class Json {
  private static final TypeReference<List<MessageElem>> BODY = new TypeReference<>() {};
  private static final ObjectWriter BODY_WRITER = WireJson.mapper().writerFor(BODY);

  private Json() {}

  /** Writes the fields of a request body, in order. */
  @FunctionalInterface
  interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * A request body written field by field with Jackson's streaming generator: no tree. The bytes
   * are those an {@link ObjectNode} with the same fields in the same order gives.
   */
  static String write(Fields fields) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = WireJson.mapper().createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize a request body: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** Writes {@code MsgBody}: the elements straight to the generator. */
  static void writeBody(JsonGenerator g, List<? extends MessageElem> elements) throws IOException {
    g.writeFieldName("MsgBody");
    BODY_WRITER.writeValue(g, elements);
  }

  static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  static void writeIfPresent(JsonGenerator g, String field, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(field, value);
    }
  }

  static void writeStrings(JsonGenerator g, String field, Collection<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  static ObjectNode object() {
    return WireJson.mapper().createObjectNode();
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode array = WireJson.mapper().createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** Puts {@code value} unless it is null: absent fields keep the service's defaults. */
  static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  static void putIfPresent(ObjectNode node, String field, Integer value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /** A text field, or null when absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String textOr(JsonNode node, String field, String fallback) {
    String v = text(node, field);
    return v == null ? fallback : v;
  }

  static long longOr(JsonNode node, String field, long fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? fallback : v.asLong(fallback);
  }

  static int intOr(JsonNode node, String field, int fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? fallback : v.asInt(fallback);
  }

  /** UNIX seconds as an instant, or null when absent. */
  static Instant seconds(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || !v.canConvertToLong() && !v.isTextual()
        ? null
        : Instant.ofEpochSecond(v.asLong());
  }

  /** The elements of an array field; empty when absent or not an array. */
  static List<JsonNode> items(JsonNode node, String field) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode v = node == null ? null : node.get(field);
    if (v != null && v.isArray()) {
      v.forEach(out::add);
    }
    return out;
  }

  /** An array of strings; non-string items are read as text. */
  static List<String> textItems(JsonNode node, String field) {
    return items(node, field).stream().filter(n -> !n.isNull()).map(JsonNode::asText).toList();
  }

  /** Parses {@code json} (an object given as text through the API) for a request body. */
  static ObjectNode parseObject(String json, String what) {
    try {
      JsonNode node = WireJson.mapper().readTree(json);
      if (node instanceof ObjectNode o) {
        return o;
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    throw new IllegalArgumentException(what + " must be a JSON object");
  }
}
