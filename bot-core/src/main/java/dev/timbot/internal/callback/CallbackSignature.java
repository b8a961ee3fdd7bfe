package dev.timbot.internal.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The callback {@code Sign}: {@code lowercase_hex(SHA-256(UTF8(token + RequestTime)))} — plain
 * SHA-256 of the concatenation, not an HMAC (tim-protocol.md §7.2) — and the 60 s freshness rule.
 */
public final class CallbackSignature {
  /** "相差超过1分钟即可认为是无效请求": a RequestTime more than a minute off is refused. */
  public static final Duration MAX_SKEW = Duration.ofSeconds(60);

  private final String token;
  /**
   * The expected Sign of the latest RequestTime seen. The service stamps all callbacks of one
   * second with the same RequestTime, so one digest serves them all instead of one per request.
   */
  private volatile Expected latest = new Expected(Long.MIN_VALUE, "");

  private record Expected(long time, String hex) {}

  /** @param token the callback token set in the console */
  public CallbackSignature(String token) {
    if (token == null) {
      throw new IllegalArgumentException("token is null");
    }
    this.token = token;
  }

  public static String sign(String token, long requestTime) {
    if (token == null) {
      throw new IllegalArgumentException("token is null");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((token + requestTime).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * Checks {@code sign} and {@code requestTime} (as sent in the URL) at {@code now}. Messages
   * never contain the token or the sign.
   */
  public void verify(String sign, String requestTime, Instant now) throws CallbackRejected {
    if (sign == null || sign.isBlank() || requestTime == null || requestTime.isBlank()) {
      throw new CallbackRejected(401, "missing_sign", "Sign and RequestTime are required");
    }
    long time;
    try {
      time = Long.parseLong(requestTime.trim());
    } catch (NumberFormatException e) {
      throw new CallbackRejected(401, "bad_request_time", "RequestTime is not a number");
    }
    Expected expected = latest;
    if (expected.time() != time) {
      expected = new Expected(time, sign(token, time));
      latest = expected;
    }
    if (!matches(expected.hex(), sign)) {
      throw new CallbackRejected(401, "bad_sign", "Sign does not match");
    }
    // Checked after the sign so that an unauthenticated caller learns nothing about our clock.
    long skew = Math.abs(now.getEpochSecond() - time);
    if (time < 0 || skew > MAX_SKEW.getSeconds()) {
      throw new CallbackRejected(401, "stale_request", "RequestTime is outside the 60 s window");
    }
  }

  /**
   * Whether {@code sign}, without surrounding blanks and in any case, is {@code expected}. It
   * looks at every character whatever it finds, so the sign cannot be guessed from timings.
   */
  static boolean matches(String expected, String sign) {
    int start = 0;
    int end = sign.length();
    while (start < end && sign.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && sign.charAt(end - 1) <= ' ') {
      end--;
    }
    int diff = (end - start) ^ expected.length();
    for (int i = 0; i < expected.length(); i++) {
      char c = start + i < end ? Character.toLowerCase(sign.charAt(start + i)) : 0;
      diff |= c ^ expected.charAt(i);
    }
    return diff == 0;
  }
}
