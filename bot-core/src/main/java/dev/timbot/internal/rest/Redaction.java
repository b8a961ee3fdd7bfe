package dev.timbot.internal.rest;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Keeps secrets (the secret key and UserSigs) out of logs and exception messages: URLs are logged
 * with {@code usersig} replaced, and any text that may echo a secret is scrubbed.
 */
public final class Redaction {
  static final String MASK = "REDACTED";

  private Redaction() {}

  /** {@code url} with the {@code usersig} query value masked. */
  public static String url(HttpUrl url) {
    if (url.queryParameter("usersig") == null) {
      return url.toString();
    }
    // Rebuilt in the original order, so a logged URL reads like the one that was sent.
    HttpUrl.Builder b = url.newBuilder().query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      b.addQueryParameter(name, "usersig".equals(name) ? MASK : url.queryParameterValue(i));
    }
    return b.build().toString();
  }

  /** {@code text} with every occurrence of each non-empty secret masked. */
  public static String scrub(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 8 && out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  /**
   * {@code e}, or a copy with a scrubbed message when its message contains a secret, so that the
   * cause attached to an {@code ImException} cannot leak one either.
   */
  public static IOException scrub(IOException e, List<String> secrets) {
    String message = e.getMessage();
    String clean = scrub(message, secrets);
    if (Objects.equals(message, clean)) {
      return e;
    }
    IOException copy = new IOException(e.getClass().getSimpleName() + ": " + clean);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }
}
