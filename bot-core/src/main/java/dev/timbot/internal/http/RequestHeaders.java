package dev.timbot.internal.http;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * A request's headers as {@link HttpRequest} shows them — first value per name, names matched
 * without regard to case — read from Jetty's (immutable) fields when asked, instead of copied into
 * a sorted map for every request whether a route looks at them or not (the callback route never
 * does; issue 15). The full map is built only if a route lists the headers.
 */
final class RequestHeaders extends AbstractMap<String, String> {
  private final HttpFields fields;
  private Map<String, String> all;

  RequestHeaders(HttpFields fields) {
    this.fields = fields.asImmutable();
  }

  @Override
  public String get(Object name) {
    return name instanceof String s ? fields.get(s) : null;
  }

  @Override
  public boolean containsKey(Object name) {
    return name instanceof String s && fields.contains(s);
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return all().entrySet();
  }

  private synchronized Map<String, String> all() {
    if (all == null) {
      Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (HttpField f : fields) {
        m.putIfAbsent(f.getName(), f.getValue());
      }
      all = Collections.unmodifiableMap(m);
    }
    return all;
  }
}
