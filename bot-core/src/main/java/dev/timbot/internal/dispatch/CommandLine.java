package dev.timbot.internal.dispatch;

import java.util.ArrayList;
import java.util.List;

/** Splits command arguments like a shell: whitespace separates, double or single quotes group. */
public final class CommandLine {
  private CommandLine() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean inToken = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inToken = true;
      } else if (Character.isWhitespace(c)) {
        if (inToken) {
          out.add(cur.toString());
          cur.setLength(0);
          inToken = false;
        }
      } else {
        cur.append(c);
        inToken = true;
      }
    }
    if (inToken) {
      out.add(cur.toString());
    }
    return out;
  }
}
