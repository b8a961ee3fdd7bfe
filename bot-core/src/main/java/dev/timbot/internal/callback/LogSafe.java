package dev.timbot.internal.callback;

/**
 * Makes request-supplied text safe to log: control characters (log forging) are replaced and the
 * length is capped so a hostile URL cannot flood the log.
 */
public final class LogSafe {
  private static final int MAX = 80;

  private LogSafe() {}

  public static String clip(String s) {
    if (s == null) {
      return "-";
    }
    int n = Math.min(s.length(), MAX);
    StringBuilder out = new StringBuilder(n + 1);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (s.length() > MAX) {
      out.append('…');
    }
    return out.toString();
  }
}
