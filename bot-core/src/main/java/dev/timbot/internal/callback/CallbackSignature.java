package dev.timbot.internal.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The callback {@code Sign}: {@code lowercase_hex(SHA-256(UTF8(token + RequestTime)))} — plain
 * SHA-256 of the concatenation, not an HMAC (tim-protocol.md §7.2) — and the 60 s freshness rule.
 */
public final class CallbackSignature {
  /** "相差超过1分钟即可认为是无效请求": a RequestTime more than a minute off is refused. */
  public static final Duration MAX_SKEW = Duration.ofSeconds(60);

  private CallbackSignature() {}

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
   * Checks {@code sign} and {@code requestTime} (as sent in the URL) against {@code token} at
   * {@code now}. Messages never contain the token or the sign.
   */
  public static void verify(String token, String sign, String requestTime, Instant now)
      throws CallbackRejected {
    if (sign == null || sign.isBlank() || requestTime == null || requestTime.isBlank()) {
      throw new CallbackRejected(401, "missing_sign", "Sign and RequestTime are required");
    }
    long time;
    try {
      time = Long.parseLong(requestTime.trim());
    } catch (NumberFormatException e) {
      throw new CallbackRejected(401, "bad_request_time", "RequestTime is not a number");
    }
    // Compare in constant time so the sign cannot be guessed byte by byte from timings.
    byte[] expected = sign(token, time).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = sign.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new CallbackRejected(401, "bad_sign", "Sign does not match");
    }
    // Checked after the sign so that an unauthenticated caller learns nothing about our clock.
    long skew = Math.abs(now.getEpochSecond() - time);
    if (time < 0 || skew > MAX_SKEW.getSeconds()) {
      throw new CallbackRejected(401, "stale_request", "RequestTime is outside the 60 s window");
    }
  }
}
