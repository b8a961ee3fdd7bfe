package dev.timbot.emulator.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Callback authentication as the console's "开启鉴权" documents it: {@code Sign} is the
 * lower-case hex SHA-256 (plain, not HMAC) of {@code Token + RequestTime}. The page's example:
 * token {@code xxxxyyyy}, RequestTime {@code 1669872112} → {@code 17773bc3…4061}.
 */
public final class CallbackSign {
  private CallbackSign() {}

  public static String sign(String token, long requestTime) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((token + requestTime).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
