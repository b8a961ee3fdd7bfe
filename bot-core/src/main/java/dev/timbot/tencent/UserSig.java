package dev.timbot.tencent;

import dev.timbot.tencent.UserSig.UserSigException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS sig v2 (HMAC-SHA256) UserSig: generation as the official libraries do it, and the
 * verification the service performs. JDK only; the official Java library no longer runs on 17.
 *
 * <p>Format: HMAC-SHA256 (key = the secret string's UTF-8 bytes) over {@code
 * "TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n"}, put in a JSON document with
 * {@code TLS.ver "2.0"}, zlib-compressed, Base64 with {@code + / =} replaced by {@code * - _}.
 */
public final class UserSig {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** An inflated sig document is a few hundred bytes; refuse anything absurd. */
  private static final int MAX_DOC_BYTES = 64 * 1024;

  private UserSig() {}

  /** What a valid sig says. */
  public record Decoded(long sdkAppId, String identifier, Instant time, Duration expire) {
    public Instant expiresAt() {
      return time.plus(expire);
    }
  }

  /** Generates a sig for {@code identifier}, issued at {@code now}, valid for {@code expire}. */
  public static String generate(
      long sdkAppId, String secretKey, String identifier, Duration expire, Instant now) {
    long time = now.getEpochSecond();
    long expireSeconds = expire.getSeconds();
    String sig = hmac(secretKey, content(identifier, sdkAppId, time, expireSeconds));
    ObjectNode doc = JSON.createObjectNode();
    doc.put("TLS.ver", "2.0");
    doc.put("TLS.identifier", identifier);
    doc.put("TLS.sdkappid", sdkAppId);
    doc.put("TLS.expire", expireSeconds);
    doc.put("TLS.time", time);
    doc.put("TLS.sig", sig);
    byte[] json = doc.toString().getBytes(StandardCharsets.UTF_8);
    return toUrlAlphabet(Base64.getEncoder().encodeToString(deflate(json)));
  }

  /**
   * Verifies {@code userSig} as the service does: decodes it, checks SDKAppID and identifier,
   * recomputes the HMAC with {@code secretKey}, and checks expiry ({@code now > time + expire}).
   */
  public static Decoded verify(
      String userSig, long sdkAppId, String identifier, String secretKey, Instant now)
      throws UserSigException {
    if (userSig == null || userSig.isEmpty()) {
      throw new UserSigException(UserSigException.Reason.EMPTY, "usersig is empty");
    }
    JsonNode doc = decodeTree(userSig);
    JsonNode sigAppId = require(doc, "TLS.sdkappid");
    JsonNode sigIdentifier = require(doc, "TLS.identifier");
    JsonNode timeNode = require(doc, "TLS.time");
    JsonNode expireNode = require(doc, "TLS.expire");
    JsonNode sigNode = require(doc, "TLS.sig");
    if (!timeNode.canConvertToLong() || !expireNode.canConvertToLong()) {
      throw new UserSigException(UserSigException.Reason.MALFORMED, "time/expire are not numbers");
    }
    // A string sdkappid is read leniently (some samples have one); a mismatch is still an error.
    if (!String.valueOf(sdkAppId).equals(sigAppId.asText())) {
      throw new UserSigException(
          UserSigException.Reason.SDKAPPID_MISMATCH, "sig is for another SDKAppID");
    }
    if (!sigIdentifier.asText().equals(identifier)) {
      throw new UserSigException(
          UserSigException.Reason.IDENTIFIER_MISMATCH, "sig is for another identifier");
    }
    if (doc.has("TLS.userbuf")) {
      // IM sigs carry no userbuf (it is for TRTC privilege keys).
      throw new UserSigException(
          UserSigException.Reason.USERBUF_MISMATCH, "unexpected userbuf in an IM sig");
    }
    long time = timeNode.asLong();
    long expire = expireNode.asLong();
    String expected = hmac(secretKey, content(sigIdentifier.asText(), sdkAppId, time, expire));
    byte[] given;
    try {
      given = Base64.getDecoder().decode(sigNode.asText());
    } catch (IllegalArgumentException e) {
      throw new UserSigException(UserSigException.Reason.MALFORMED, "TLS.sig is not base64");
    }
    if (!MessageDigest.isEqual(Base64.getDecoder().decode(expected), given)) {
      throw new UserSigException(
          UserSigException.Reason.SIGNATURE_MISMATCH, "signature does not match the key");
    }
    if (now.getEpochSecond() > time + expire) {
      throw new UserSigException(UserSigException.Reason.EXPIRED, "sig expired");
    }
    return new Decoded(sdkAppId, sigIdentifier.asText(), Instant.ofEpochSecond(time), Duration.ofSeconds(expire));
  }

  /** Decodes the sig's JSON document without checking it (for diagnostics and tests). */
  public static java.util.Map<String, Object> decode(String userSig) throws UserSigException {
    return JSON.convertValue(decodeTree(userSig), new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {});
  }

  private static JsonNode decodeTree(String userSig) throws UserSigException {
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(fromUrlAlphabet(userSig));
    } catch (IllegalArgumentException e) {
      throw new UserSigException(UserSigException.Reason.MALFORMED, "not base64");
    }
    byte[] json = inflate(compressed);
    try {
      JsonNode doc = JSON.readTree(json);
      if (doc == null || !doc.isObject()) {
        throw new UserSigException(UserSigException.Reason.MALFORMED, "not a JSON object");
      }
      return doc;
    } catch (IOException e) {
      throw new UserSigException(UserSigException.Reason.MALFORMED, "not JSON");
    }
  }

  static String content(String identifier, long sdkAppId, long time, long expire) {
    return "TLS.identifier:" + identifier + "\n"
        + "TLS.sdkappid:" + sdkAppId + "\n"
        + "TLS.time:" + time + "\n"
        + "TLS.expire:" + expire + "\n";
  }

  static String hmac(String secretKey, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static JsonNode require(JsonNode doc, String field) throws UserSigException {
    JsonNode n = doc.get(field);
    if (n == null || n.isNull()) {
      throw new UserSigException(UserSigException.Reason.MISSING_FIELD, "missing " + field);
    }
    return n;
  }

  private static String toUrlAlphabet(String base64) {
    return base64.replace('+', '*').replace('/', '-').replace('=', '_');
  }

  private static String fromUrlAlphabet(String sig) {
    return sig.replace('*', '+').replace('-', '/').replace('_', '=');
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater();
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1024];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] data) throws UserSigException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new UserSigException(UserSigException.Reason.MALFORMED, "truncated zlib data");
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_DOC_BYTES) {
          throw new UserSigException(UserSigException.Reason.MALFORMED, "sig document too large");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new UserSigException(UserSigException.Reason.MALFORMED, "not zlib data");
    } finally {
      inflater.end();
    }
  }

  /**
   * A UserSig that does not verify, with the reason as a type. {@link #serviceErrorCode()} is the
   * code the IM service answers for that failure. Messages never include the sig or the key.
   */
  public static final class UserSigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    public enum Reason {
      EMPTY(70002),
      MALFORMED(70003),
      MISSING_FIELD(70003),
      SDKAPPID_MISMATCH(70014),
      IDENTIFIER_MISMATCH(70013),
      SIGNATURE_MISMATCH(70009),
      EXPIRED(70001),
      USERBUF_MISMATCH(70003);

      private final int serviceErrorCode;

      Reason(int serviceErrorCode) {
        this.serviceErrorCode = serviceErrorCode;
      }

      public int serviceErrorCode() {
        return serviceErrorCode;
      }
    }

    private final Reason reason;

    public UserSigException(Reason reason, String message) {
      super(reason + ": " + message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }

    public int serviceErrorCode() {
      return reason.serviceErrorCode();
    }
  }
}
