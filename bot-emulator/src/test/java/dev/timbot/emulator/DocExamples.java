package dev.timbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented examples in {@code src/test/resources/contract} and a shape comparison: every
 * field of a documented example must be present in the actual JSON with the same JSON type
 * (number, string, array, object), recursively, the first element standing for an array.
 */
final class DocExamples {
  static final ObjectMapper JSON = new ObjectMapper();

  private DocExamples() {}

  static JsonNode load(String name) {
    try (InputStream in = DocExamples.class.getResourceAsStream("/contract/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where {@code actual} differs in shape from {@code documented}; {@code mayBeAbsent} names
   * fields the service sends only in some situations.
   */
  static List<String> shapeMismatches(JsonNode documented, JsonNode actual, Set<String> mayBeAbsent) {
    List<String> out = new ArrayList<>();
    compare("", documented, actual, mayBeAbsent, out);
    return out;
  }

  private static void compare(String path, JsonNode doc, JsonNode act, Set<String> mayBeAbsent, List<String> out) {
    if (doc.isObject()) {
      if (!act.isObject()) {
        out.add(path + ": expected an object, got " + act.getNodeType());
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode a = act.get(f.getKey());
        String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
        if (a == null) {
          if (!mayBeAbsent.contains(f.getKey())) {
            out.add(p + ": missing");
          }
        } else if (f.getKey().equals("MsgContent")) {
          // Its fields depend on the element's MsgType (checked by the element tests).
          if (!a.isObject()) {
            out.add(p + ": expected an object, got " + a.getNodeType());
          }
        } else if (f.getKey().equals("EventTime")) {
          // Documented as an Integer (ms); several examples print it as a string.
          if (!a.isIntegralNumber()) {
            out.add(p + ": expected an integer, got " + a.getNodeType());
          }
        } else {
          compare(p, f.getValue(), a, mayBeAbsent, out);
        }
      }
    } else if (doc.isArray()) {
      if (!act.isArray()) {
        out.add(path + ": expected an array, got " + act.getNodeType());
      } else if (!doc.isEmpty() && !act.isEmpty()) {
        compare(path + "[0]", doc.get(0), act.get(0), mayBeAbsent, out);
      }
    } else if (doc.isNumber() != act.isNumber() || doc.isTextual() != act.isTextual()) {
      out.add(path + ": expected " + doc.getNodeType() + ", got " + act.getNodeType());
    }
  }
}
