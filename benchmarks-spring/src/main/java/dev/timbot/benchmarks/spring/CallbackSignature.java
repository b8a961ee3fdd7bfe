package dev.timbot.benchmarks.spring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tencent IM's callback authentication, which the SDK leaves to the application: {@code Sign} is
 * the lower-case hex SHA-256 of {@code token + RequestTime}, and a {@code RequestTime} more than a
 * minute from now is refused.
 */
final class CallbackSignature {
  static final long MAX_SKEW_SECONDS = 60;

  private CallbackSignature() {}

  static String sign(String token, long requestTime) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((token + requestTime).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Whether {@code sign} and {@code requestTime} (either may be null) authenticate a callback at {@code nowSeconds}. */
  static boolean valid(String token, Long requestTime, String sign, long nowSeconds) {
    if (requestTime == null || sign == null || Math.abs(nowSeconds - requestTime) > MAX_SKEW_SECONDS) {
      return false;
    }
    return MessageDigest.isEqual(sign(token, requestTime).getBytes(StandardCharsets.US_ASCII),
        sign.getBytes(StandardCharsets.US_ASCII));
  }
}
