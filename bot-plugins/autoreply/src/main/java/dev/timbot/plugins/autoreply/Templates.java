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
