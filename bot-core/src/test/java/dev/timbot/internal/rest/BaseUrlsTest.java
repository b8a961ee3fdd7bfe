package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseUrlsTest {
  @ParameterizedTest
  @CsvSource({
    "china, https://console.tim.qq.com/",
    "cn, https://console.tim.qq.com/",
    "Singapore, https://adminapisgp.im.qcloud.com/",
    "sgp, https://adminapisgp.im.qcloud.com/",
    "seoul, https://adminapikr.im.qcloud.com/",
    "kr, https://adminapikr.im.qcloud.com/",
    "tokyo, https://adminapijpn.im.qcloud.com/",
    "jpn, https://adminapijpn.im.qcloud.com/",
    "frankfurt, https://adminapiger.im.qcloud.com/",
    "ger, https://adminapiger.im.qcloud.com/",
    "mumbai, https://adminapiind.im.qcloud.com/",
    "ind, https://adminapiind.im.qcloud.com/",
    "siliconvalley, https://adminapiusa.im.qcloud.com/",
    "Silicon Valley, https://adminapiusa.im.qcloud.com/",
    "usa, https://adminapiusa.im.qcloud.com/",
    "jakarta, https://adminapiidn.im.qcloud.com/",
    "idn, https://adminapiidn.im.qcloud.com/",
    "http://127.0.0.1:9000, http://127.0.0.1:9000/",
    "http://127.0.0.1:9000/, http://127.0.0.1:9000/",
    "https://proxy.example.com/tim/, https://proxy.example.com/tim",
  })
  void resolves(String configured, String expected) {
    assertThat(BaseUrls.resolve(configured).toString()).isEqualTo(expected);
  }

  @Test
  void emptyMeansTheDefault() {
    assertThat(BaseUrls.resolve(null).toString()).isEqualTo("https://console.tim.qq.com/");
    assertThat(BaseUrls.resolve(" ").toString()).isEqualTo("https://console.tim.qq.com/");
  }

  @Test
  void rejectsWhatIsNeitherARegionNorAUrl() {
    assertThatThrownBy(() -> BaseUrls.resolve("mars"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("region name")
        .hasMessageContaining("singapore");
    assertThatThrownBy(() -> BaseUrls.resolve("http://h/?a=b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pathsAreAppendedAfterAPrefix() {
    assertThat(
            BaseUrls.resolve("https://proxy.example.com/tim/")
                .newBuilder()
                .addPathSegment("v4")
                .addPathSegment("openim")
                .addPathSegment("sendmsg")
                .build()
                .encodedPath())
        .isEqualTo("/tim/v4/openim/sendmsg");
    assertThat(
            BaseUrls.resolve("http://127.0.0.1:9000").newBuilder().addPathSegment("v4").build().encodedPath())
        .isEqualTo("/v4");
  }
}
