package dev.timbot.internal.store;

import java.nio.charset.StandardCharsets;

/**
 * Text written as UTF-8 into an array sized beforehand: ASCII text (the ids, conversations and
 * owners on a message's path) a byte per char, without an array of its own (issue 15); other text
 * through {@link String#getBytes}, as the readers decode it.
 */
final class Utf8Bytes {
  private Utf8Bytes() {}

  /** The length of {@code s} in UTF-8. */
  static int length(String s) {
    return isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Writes {@code s} as UTF-8 into {@code dst} from {@code at}; returns where it ends. */
  static int write(String s, byte[] dst, int at) {
    if (isAscii(s)) {
      for (int i = 0; i < s.length(); i++) {
        dst[at + i] = (byte) s.charAt(i);
      }
      return at + s.length();
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(utf8, 0, dst, at, utf8.length);
    return at + utf8.length;
  }

  /** ASCII text is its own UTF-8, a byte per char. */
  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
