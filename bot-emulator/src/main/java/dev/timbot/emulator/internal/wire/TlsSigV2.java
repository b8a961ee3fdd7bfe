package dev.timbot.emulator.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * UserSig v2 ("TLSSigAPIv2", HMAC-SHA256) as the "生成 UserSig" page and the official libraries
 * describe it: HMAC over {@code TLS.identifier/sdkappid/time/expire} lines (each ending in
 * {@code \n}), a JSON document, zlib, Base64 with {@code + / =} → {@code * - _}. Verification
 * failures carry the account error codes of the error-code page (70001 expired, 70002 empty,
 * 70003 malformed, 70009 wrong key, 70013 identifier, 70014 SDKAppID).
 */
public final class TlsSigV2 {
  /** The largest sig worth inflating; real ones are ~200 characters. */
  private static final int MAX_SIG_CHARS = 4096;

  private TlsSigV2() {}

  /** A sig for {@code identifier}, issued at {@code timeSeconds}, valid {@code expireSeconds}. */
  public static String generate(long sdkAppId, String key, String identifier, long timeSeconds, long expireSeconds) {
    ObjectNode doc = Wire.object();
    doc.put("TLS.ver", "2.0");
    doc.put("TLS.identifier", identifier);
    doc.put("TLS.sdkappid", sdkAppId);
    doc.put("TLS.expire", expireSeconds);
    doc.put("TLS.time", timeSeconds);
    doc.put("TLS.sig", hmac(key, identifier, sdkAppId, timeSeconds, expireSeconds));
    Deflater deflater = new Deflater();
    deflater.setInput(doc.toString().getBytes(StandardCharsets.UTF_8));
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[512];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    return Base64.getEncoder().encodeToString(out.toByteArray())
        .replace('+', '*').replace('/', '-').replace('=', '_');
  }

  /**
   * Verifies {@code sig} for {@code identifier} at {@code nowSeconds}; returns {@code TLS.time}
   * (when it was issued). Throws {@link ImError} with the documented code; never echoes the sig.
   */
  public static long verify(String sig, long sdkAppId, String identifier, String key, long nowSeconds) {
    if (sig == null || sig.isEmpty()) {
      throw new ImError(70002, "UserSig is empty");
    }
    JsonNode doc = decode(sig);
    JsonNode app = doc.get("TLS.sdkappid");
    JsonNode id = doc.get("TLS.identifier");
    JsonNode time = doc.get("TLS.time");
    JsonNode expire = doc.get("TLS.expire");
    JsonNode mac = doc.get("TLS.sig");
    if (app == null || id == null || !id.isTextual() || time == null || !time.canConvertToLong()
        || expire == null || !expire.canConvertToLong() || mac == null || !mac.isTextual()) {
      throw new ImError(70003, "UserSig is malformed: a TLS field is missing");
    }
    if (doc.has("TLS.userbuf")) {
      throw new ImError(70003, "UserSig carries a userbuf, which IM sigs do not");
    }
    if (!app.asText().equals(Long.toString(sdkAppId))) {
      throw new ImError(70014, "UserSig belongs to another SDKAppID");
    }
    if (!id.asText().equals(identifier)) {
      throw new ImError(70013, "UserSig belongs to another identifier");
    }
    String expected = hmac(key, id.asText(), sdkAppId, time.asLong(), expire.asLong());
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        mac.asText().getBytes(StandardCharsets.US_ASCII))) {
      throw new ImError(70009, "UserSig verification failed (wrong key?)");
    }
    if (nowSeconds > time.asLong() + expire.asLong()) {
      throw new ImError(70001, "UserSig expired");
    }
    return time.asLong();
  }

  private static JsonNode decode(String sig) {
    if (sig.length() > MAX_SIG_CHARS) {
      throw new ImError(70003, "UserSig is malformed: too long");
    }
    byte[] zipped;
    try {
      zipped = Base64.getDecoder().decode(sig.replace('*', '+').replace('-', '/').replace('_', '='));
    } catch (IllegalArgumentException e) {
      throw new ImError(70003, "UserSig is malformed: not base64");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(zipped);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[512];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new ImError(70003, "UserSig is malformed: truncated");
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_SIG_CHARS * 4) {
          throw new ImError(70003, "UserSig is malformed: too long");
        }
      }
      JsonNode doc = Wire.mapper().readTree(out.toByteArray());
      if (doc == null || !doc.isObject()) {
        throw new ImError(70003, "UserSig is malformed: not a JSON object");
      }
      return doc;
    } catch (DataFormatException | IOException e) {
      throw new ImError(70003, "UserSig is malformed: not zlib JSON");
    } finally {
      inflater.end();
    }
  }

  private static String hmac(String key, String identifier, long sdkAppId, long time, long expire) {
    String content = "TLS.identifier:" + identifier + "\n"
        + "TLS.sdkappid:" + sdkAppId + "\n"
        + "TLS.time:" + time + "\n"
        + "TLS.expire:" + expire + "\n";
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }
}
