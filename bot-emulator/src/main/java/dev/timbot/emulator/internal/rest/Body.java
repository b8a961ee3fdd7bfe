package dev.timbot.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImError;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict, typed access to a request body, as the service checks it: field names are the
 * documented ones only (case-sensitive, no old aliases), a string field must be a JSON string
 * (60015 "请确认帐号为字符串格式" when an ID is sent as a number), an integer field a JSON
 * integer ({@code "MsgRandom": "42"} is 90005 on sendmsg), an array field an array (a bare
 * string is refused). Type errors carry the API's own error code, which the caller passes in.
 */
public final class Body {
  /** The REST common code for "an account field is not a string". */
  public static final int NOT_A_STRING = 60015;

  private final ObjectNode node;

  public Body(ObjectNode node) {
    this.node = node;
  }

  /** The field, or null when absent or JSON null. */
  public JsonNode get(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  public boolean has(String name) {
    return get(name) != null;
  }

  /** An optional string; present but not a JSON string gives 60015. */
  public String optString(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ImError(NOT_A_STRING, name + " must be a string");
    }
    return v.asText();
  }

  /** A required, non-empty string: missing, empty or not a string gives {@code code}. */
  public String string(int code, String name) {
    JsonNode v = get(name);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new ImError(code, name + " is missing or not a string");
    }
    return v.asText();
  }

  /** An optional integer; present and not a JSON integer gives {@code code}. */
  public Long optLong(int code, String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new ImError(code, name + " must be an integer");
    }
    return v.asLong();
  }

  public long longValue(int code, String name) {
    Long v = optLong(code, name);
    if (v == null) {
      throw new ImError(code, name + " is missing");
    }
    return v;
  }

  public int optInt(int code, int dflt, String name) {
    Long v = optLong(code, name);
    if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
      throw new ImError(code, name + " is out of range");
    }
    return v == null ? dflt : (int) (long) v;
  }

  /** An array of strings; empty when absent; a bare string or a non-string item gives {@code code}. */
  public List<String> stringList(int code, String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(code, name)) {
      if (!item.isTextual()) {
        throw new ImError(code, name + " must hold strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** Items of an array field; empty when absent; anything but an array gives {@code code}. */
  public List<JsonNode> array(int code, String name) {
    JsonNode v = get(name);
    List<JsonNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw new ImError(code, name + " must be an array");
    }
    v.forEach(out::add);
    return out;
  }
}
