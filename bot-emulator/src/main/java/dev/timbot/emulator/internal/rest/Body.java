package dev.timbot.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.ImException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient, typed access to a request body. Field names may have several spellings (the docs
 * renamed some fields over time and the service keeps accepting the old ones), so every getter
 * takes the canonical name first and aliases after it. Type errors become the API's own error
 * code, which the caller passes in, because each API documents a different one.
 */
public final class Body {
  private final ObjectNode node;

  public Body(ObjectNode node) {
    this.node = node;
  }

  /** The first present, non-null field among {@code names}, or null. */
  public JsonNode get(String... names) {
    for (String n : names) {
      JsonNode v = node.get(n);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }

  public boolean has(String... names) {
    return get(names) != null;
  }

  /** A string field; numbers are accepted as text (some SDKs send IDs as numbers). */
  public String optString(String... names) {
    JsonNode v = get(names);
    if (v == null) {
      return null;
    }
    if (v.isTextual() || v.isNumber()) {
      return v.asText();
    }
    return null;
  }

  /** A required string: missing or not a string gives {@code code}. */
  public String string(int code, String... names) {
    JsonNode v = get(names);
    if (v == null || !(v.isTextual() || v.isNumber()) || v.asText().isEmpty()) {
      throw new ImException(code, names[0] + " is missing or not a string");
    }
    return v.asText();
  }

  /** An optional integer; a present non-integer gives {@code code}. Numeric strings are accepted. */
  public Long optLong(int code, String... names) {
    JsonNode v = get(names);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        throw new ImException(code, names[0] + " is not an integer");
      }
    }
    throw new ImException(code, names[0] + " is not an integer");
  }

  public long longValue(int code, String... names) {
    Long v = optLong(code, names);
    if (v == null) {
      throw new ImException(code, names[0] + " is missing");
    }
    return v;
  }

  public int optInt(int code, int dflt, String... names) {
    Long v = optLong(code, names);
    return v == null ? dflt : (int) (long) v;
  }

  /** A list of strings; a single string is read as a one-element list. */
  public List<String> stringList(int code, String... names) {
    JsonNode v = get(names);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isTextual()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      throw new ImException(code, names[0] + " is not an array");
    }
    for (JsonNode item : v) {
      if (!(item.isTextual() || item.isNumber())) {
        throw new ImException(code, names[0] + " must hold strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** Items of an array field (objects or scalars); empty when absent. */
  public List<JsonNode> array(int code, String... names) {
    JsonNode v = get(names);
    List<JsonNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw new ImException(code, names[0] + " is not an array");
    }
    v.forEach(out::add);
    return out;
  }
}
