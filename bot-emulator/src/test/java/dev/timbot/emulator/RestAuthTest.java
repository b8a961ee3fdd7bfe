package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.tencent.UserSig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** URL parameters, UserSig verification and body checks, each with its documented code. */
class RestAuthTest {
  static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  static VirtualClock clock = new VirtualClock();
  static LocalIm im;
  static Rest rest;

  @BeforeAll
  static void start() {
    im = LocalIm.builder().clock(clock).secretKey(KEY).start();
    rest = new Rest(im);
  }

  @AfterAll
  static void stop() {
    im.stop();
  }

  private String url(String sdkAppId, String identifier, String sig, String contentType) {
    return im.baseUrl() + "/v4/im_open_login_svc/account_import?sdkappid=" + sdkAppId
        + "&identifier=" + identifier + "&usersig=" + sig + "&random=42"
        + (contentType == null ? "" : "&contenttype=" + contentType);
  }

  private JsonNode importWith(String sdkAppId, String identifier, String sig) {
    return rest.post(url(sdkAppId, identifier, sig, "json"), "{\"UserID\":\"u1\"}");
  }

  private static String sig(long app, String key, String id, Duration expire) {
    return UserSig.generate(app, key, id, expire, clock.now());
  }

  @Test
  void validAdminSigSucceeds() {
    JsonNode r = importWith("1400000000", "administrator", sig(1400000000L, KEY, "administrator", Duration.ofHours(1)));
    assertThat(r.toString()).isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}");
  }

  @Test
  void eachSignatureFailureHasItsCode() {
    assertThat(importWith("1400000000", "administrator", "").path("ErrorCode").asInt()).isEqualTo(70002);
    assertThat(importWith("1400000000", "administrator", "not*a*sig").path("ErrorCode").asInt()).isEqualTo(70003);
    assertThat(importWith("1400000000", "administrator", sig(1400000000L, "wrong-key", "administrator", Duration.ofHours(1)))
        .path("ErrorCode").asInt()).isEqualTo(70009);
    // A valid sig for someone else, presented as the admin's.
    assertThat(importWith("1400000000", "administrator", sig(1400000000L, KEY, "bob", Duration.ofHours(1)))
        .path("ErrorCode").asInt()).isEqualTo(70013);
    assertThat(importWith("1400000000", "administrator", sig(1400000001L, KEY, "administrator", Duration.ofHours(1)))
        .path("ErrorCode").asInt()).isEqualTo(70014);
    String shortLived = sig(1400000000L, KEY, "administrator", Duration.ofSeconds(4));
    clock.advance(Duration.ofSeconds(5));
    JsonNode expired = importWith("1400000000", "administrator", shortLived);
    assertThat(expired.path("ErrorCode").asInt()).isEqualTo(70001);
    assertThat(expired.path("ActionStatus").asText()).isEqualTo("FAIL");
    assertThat(expired.path("ErrorInfo").asText()).doesNotContain(shortLived);
  }

  @Test
  void appAndIdentityChecks() {
    String admin = sig(1400000000L, KEY, "administrator", Duration.ofHours(1));
    assertThat(importWith("1400000999", "administrator", admin).path("ErrorCode").asInt()).isEqualTo(70020);
    assertThat(importWith("", "administrator", admin).path("ErrorCode").asInt()).isEqualTo(60012);
    // A correctly signed non-admin may not call REST.
    assertThat(importWith("1400000000", "bob", sig(1400000000L, KEY, "bob", Duration.ofHours(1)))
        .path("ErrorCode").asInt()).isEqualTo(60010);
    assertThat(rest.post(url("1400000000", "administrator", admin, "xml"), "{}").path("ErrorCode").asInt())
        .isEqualTo(60002);
    assertThat(rest.post(url("1400000000", "administrator", admin, null), "{}").path("ErrorCode").asInt())
        .isEqualTo(60002);
    assertThat(rest.post(url("1400000000", "administrator", admin, "json").replace("random=42", "random=abc"), "{}")
        .path("ErrorCode").asInt()).isEqualTo(60002);
  }

  @Test
  void bodyChecks() {
    String admin = sig(1400000000L, KEY, "administrator", Duration.ofHours(1));
    assertThat(rest.post(url("1400000000", "administrator", admin, "json"), "").path("ErrorCode").asInt())
        .isEqualTo(90001);
    assertThat(rest.post(url("1400000000", "administrator", admin, "json"), "{nope").path("ErrorCode").asInt())
        .isEqualTo(60003);
    assertThat(rest.call("openim", "no_such_command", "{}").path("ErrorCode").asInt()).isEqualTo(60009);
    // Unknown fields are tolerated.
    assertThat(rest.call("im_open_login_svc", "account_import", "{'UserID':'u2','Future':1}")
        .path("ErrorCode").asInt()).isZero();
  }

  @Test
  void snsAndProfileEnvelopesCarryErrorDisplay() {
    JsonNode r = rest.call("sns", "friend_get", "{'From_Account':'nobody'}");
    assertThat(r.path("ActionStatus").asText()).isEqualTo("FAIL");
    assertThat(r.has("ErrorDisplay")).isTrue();
  }
}
