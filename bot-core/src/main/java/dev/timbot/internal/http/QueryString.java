package dev.timbot.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * A request's URL query as first value per name, in the order sent. A query with nothing to decode
 * — every pair {@code name=value} with a non-empty name, one {@code =}, no {@code %}, {@code +} or
 * character outside printable ASCII, as the IM service's callback queries are — is split here;
 * any other goes through Jetty's decoder as before. Jetty's decoder (its {@code Fields}, a string
 * builder per name and value) was a tenth of a callback's CPU on the HTTP thread (issue 15).
 */
final class QueryString {
  private QueryString() {}

  /** @throws RuntimeException when Jetty's decoder refuses the query (malformed escapes) */
  static Map<String, String> of(Request request) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = request.getHttpURI().getQuery();
    if (raw == null || split(raw, out)) {
      return out;
    }
    out.clear();
    Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    for (Fields.Field f : fields) {
      out.putIfAbsent(f.getName(), f.getValue());
    }
    return out;
  }

  /**
   * Splits a query that needs no decoding into {@code out} (first value per name); false, with
   * {@code out} partly filled, when the query is of any other shape.
   */
  static boolean split(String raw, Map<String, String> out) {
    int n = raw.length();
    int start = 0;
    while (true) {
      int end = raw.indexOf('&', start);
      if (end < 0) {
        end = n;
      }
      int eq = -1;
      for (int i = start; i < end; i++) {
        char c = raw.charAt(i);
        if (c == '%' || c == '+' || c <= ' ' || c >= 0x7F || (c == '=' && eq >= 0)) {
          return false;
        }
        if (c == '=') {
          eq = i;
        }
      }
      if (eq <= start) {
        return false; // no '=', an empty name, or an empty pair
      }
      out.putIfAbsent(raw.substring(start, eq), raw.substring(eq + 1, end));
      if (end == n) {
        return true;
      }
      start = end + 1;
    }
  }
}
