package dev.timbot.tencent;

import dev.timbot.tencent.UserSig.UserSigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserSigTest {
  static final long APP = 1400000000L;
  static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  static final String VECTOR_A =
      "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMikVhRkFqUCxU1NTY3goiWZuSAxM1S1xZnpQJMNo0wD8tJdstwTS9NSgzMD8p1KK1I8Is1dvY29QlIcs3wDLI2DTbzLwox9bZVqAaoDMbs_";
  static final String VECTOR_B =
      "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJFJrSjILEpVsrIwM4EJlWTmAgUMzVEVFmemAw2v9HFM1S43Dw9NDS0tTAqzzNAPiTC3KDUyzA9xz9TOtIwqMCw1DijIizQzsFWqBQC8iDOS";

  @Test
  void vectorA_decodesAndVerifiesWithTheDocumentedSig() throws Exception {
    java.util.Map<String, Object> doc = UserSig.decode(VECTOR_A);
    assertThat(doc.get("TLS.sig")).isEqualTo("1Z5PngDjGaufeSiPoBuxdHY7EK3JTdAjMP93S4KvV3M=");
    assertThat(doc.get("TLS.ver")).isEqualTo("2.0");
    UserSig.Decoded d =
        UserSig.verify(VECTOR_A, APP, "xiaojun", KEY, Instant.ofEpochSecond(1600000000L + 60));
    assertThat(d.identifier()).isEqualTo("xiaojun");
    assertThat(d.expire()).isEqualTo(Duration.ofSeconds(15552000));
    // Our generator computes the same HMAC for the same inputs.
    assertThat(UserSig.hmac(KEY, UserSig.content("xiaojun", APP, 1600000000L, 15552000L)))
        .isEqualTo("1Z5PngDjGaufeSiPoBuxdHY7EK3JTdAjMP93S4KvV3M=");
  }

  @Test
  void vectorB_verifiesBeforeExpiryAndIsExpiredAfter() throws Exception {
    assertThat(UserSig.decode(VECTOR_B).get("TLS.sig"))
        .isEqualTo("yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=");
    Instant issued = Instant.ofEpochSecond(1700000000L);
    UserSig.verify(VECTOR_B, APP, "administrator", KEY, issued.plusSeconds(86400)); // boundary ok
    assertThatThrownBy(
            () -> UserSig.verify(VECTOR_B, APP, "administrator", KEY, issued.plusSeconds(86401)))
        .isInstanceOfSatisfying(
            UserSigException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(UserSigException.Reason.EXPIRED);
              assertThat(e.serviceErrorCode()).isEqualTo(70001);
            });
  }

  @Test
  void generatedSigRoundTripsAndItsHmacMatchesVectorA() throws Exception {
    Instant at = Instant.ofEpochSecond(1600000000L);
    String sig = UserSig.generate(APP, KEY, "xiaojun", Duration.ofSeconds(15552000), at);
    assertThat(sig).matches("[A-Za-z0-9*\\-_]+");
    assertThat(UserSig.decode(sig).get("TLS.sig"))
        .isEqualTo("1Z5PngDjGaufeSiPoBuxdHY7EK3JTdAjMP93S4KvV3M=");
    assertThat(UserSig.verify(sig, APP, "xiaojun", KEY, at).time()).isEqualTo(at);
  }

  @Test
  void failureMatrixGivesDistinctReasons() {
    Instant now = Instant.ofEpochSecond(1700000000L);
    String sig = UserSig.generate(APP, KEY, "admin", Duration.ofSeconds(4), now);
    assertReason(() -> UserSig.verify(sig, 1400000001L, "admin", KEY, now), UserSigException.Reason.SDKAPPID_MISMATCH);
    assertReason(() -> UserSig.verify(sig, APP, "other", KEY, now), UserSigException.Reason.IDENTIFIER_MISMATCH);
    assertReason(() -> UserSig.verify(sig, APP, "admin", KEY + "x", now), UserSigException.Reason.SIGNATURE_MISMATCH);
    assertReason(() -> UserSig.verify(sig, APP, "admin", KEY, now.plusSeconds(3600)), UserSigException.Reason.EXPIRED);
    assertReason(() -> UserSig.verify("", APP, "admin", KEY, now), UserSigException.Reason.EMPTY);
    assertReason(() -> UserSig.verify("!!!not-base64!!!", APP, "admin", KEY, now), UserSigException.Reason.MALFORMED);
    assertReason(() -> UserSig.verify("aGVsbG8_", APP, "admin", KEY, now), UserSigException.Reason.MALFORMED);
    assertReason(() -> UserSig.verify(VECTOR_A.substring(0, 40), APP, "xiaojun", KEY, now), UserSigException.Reason.MALFORMED);
  }

  @Test
  void missingFieldIsReportedAsSuch() throws Exception {
    String sig = UserSig.generate(APP, KEY, "admin", Duration.ofDays(1), Instant.ofEpochSecond(1700000000L));
    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>(UserSig.decode(sig));
    doc.remove("TLS.sig");
    String broken = reencode(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(doc));
    assertReason(() -> UserSig.verify(broken, APP, "admin", KEY, Instant.ofEpochSecond(1700000000L)), UserSigException.Reason.MISSING_FIELD);
  }

  private static String reencode(String json) {
    java.util.zip.Deflater d = new java.util.zip.Deflater();
    d.setInput(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    d.finish();
    byte[] buf = new byte[4096];
    int n = d.deflate(buf);
    d.end();
    return java.util.Base64.getEncoder()
        .encodeToString(java.util.Arrays.copyOf(buf, n))
        .replace('+', '*').replace('/', '-').replace('=', '_');
  }

  private interface Verification {
    void run() throws UserSigException;
  }

  private static void assertReason(Verification v, UserSigException.Reason reason) {
    assertThatThrownBy(v::run)
        .isInstanceOfSatisfying(UserSigException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).doesNotContain(KEY);
        });
  }
}
