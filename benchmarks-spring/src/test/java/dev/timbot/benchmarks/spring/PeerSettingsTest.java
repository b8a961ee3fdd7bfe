package dev.timbot.benchmarks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The peer's own checks, without starting Spring (the end-to-end test is benchmarks' SpringPeerSmokeTest). */
class PeerSettingsTest {
  @Test
  void signIsTheHexSha256OfTokenAndTimeWithinAMinute() {
    // sha256("token1700000000"), computed independently with sha256sum.
    String expected = "37eae3074c8d2bad93ac66b5257e151e605386c2bcc1472988fcb687e7ffa4c6";
    String sign = CallbackSignature.sign("token", 1_700_000_000L);
    assertThat(sign).hasSize(64).isEqualTo(expected);
    assertThat(CallbackSignature.valid("token", 1_700_000_000L, sign, 1_700_000_030L)).isTrue();
    assertThat(CallbackSignature.valid("token", 1_700_000_000L, sign, 1_700_000_061L)).as("stale").isFalse();
    assertThat(CallbackSignature.valid("other", 1_700_000_000L, sign, 1_700_000_000L)).isFalse();
    assertThat(CallbackSignature.valid("token", null, sign, 1_700_000_000L)).isFalse();
    assertThat(CallbackSignature.valid("token", 1_700_000_000L, null, 1_700_000_000L)).isFalse();
  }

  @Test
  void theSdkDomainIsHostAndPortOfAnHttpsBaseUrl() {
    assertThat(props("https://127.0.0.1:8443/").sdkDomain()).isEqualTo("127.0.0.1:8443");
    assertThat(props("https://console.tim.qq.com").sdkDomain()).isEqualTo("console.tim.qq.com");
    assertThatThrownBy(() -> props("http://127.0.0.1:8080").sdkDomain())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HTTPS only");
  }

  private static PeerProperties props(String baseUrl) {
    return new PeerProperties(1, "key", "admin", baseUrl, "bot", "", PeerProperties.ReplyMode.SYNC,
        PeerProperties.SdkClient.SDK);
  }
}
