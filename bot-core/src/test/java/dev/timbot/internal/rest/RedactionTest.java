package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void urlKeepsParameterOrderAndMasksOnlyTheSig() {
    HttpUrl url =
        HttpUrl.get("https://console.tim.qq.com/v4/openim/sendmsg?sdkappid=1&identifier=admin&usersig=eJy*abc-_&random=5&contenttype=json");
    assertThat(Redaction.url(url))
        .isEqualTo(
            "https://console.tim.qq.com/v4/openim/sendmsg?sdkappid=1&identifier=admin&usersig=REDACTED&random=5&contenttype=json");
  }

  @Test
  void scrubsSecretsFromTextAndExceptions() {
    List<String> secrets = List.of("topsecretkey123", "eJySIGSIGSIG");
    assertThat(Redaction.scrub("x topsecretkey123 y eJySIGSIGSIG", secrets)).isEqualTo("x REDACTED y REDACTED");
    IOException e = new IOException("failed for eJySIGSIGSIG");
    IOException clean = Redaction.scrub(e, secrets);
    assertThat(clean.getMessage()).doesNotContain("eJySIGSIGSIG").contains("REDACTED");
    IOException harmless = new IOException("timeout");
    assertThat(Redaction.scrub(harmless, secrets)).isSameAs(harmless);
  }
}
