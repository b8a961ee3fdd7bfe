package dev.timbot.plugins.autoreply;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reply templates: {@code {name}} is replaced by the variable's value; unknown names are left as
 * written so a typo shows in the reply instead of silently vanishing. Variables: {@code userId},
 * {@code nick}, {@code date}, {@code time}, {@code datetime}, regex captures by number ({@code
 * {1}}) and by name.
 */
public final class Templates {
  private static final Pattern VAR = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private Templates() {}

  /** The same variables, escaped for use inside JSON string literals (custom card data). */
  public static Map<String, String> jsonEscaped(Map<String, String> vars) {
    Map<String, String> out = new java.util.HashMap<>();
    vars.forEach((k, v) -> {
      String quoted = com.fasterxml.jackson.databind.node.TextNode.valueOf(v).toString();
      out.put(k, quoted.substring(1, quoted.length() - 1));
    });
    return out;
  }

  public static String render(String template, Map<String, String> vars) {
    Matcher m = VAR.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
