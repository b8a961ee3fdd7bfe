package dev.timbot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in deploy/cluster/haproxy.cfg is what the local cluster runs (README, "Running several instances"). */
class HaproxyConfigTest {
  @Test
  void checkedInConfigIsTheLocalClustersRendering() throws Exception {
    String rendered = HaproxyProcess.config("127.0.0.1", 8080, 8404, "/tim/callback",
        HaproxyProcess.loopbackBots(List.of(8081, 8082, 8083)));
    assertThat(Files.readString(Path.of("../deploy/cluster/haproxy.cfg"))).isEqualTo(rendered);
    assertThat(rendered).contains("retry-on conn-failure empty-response 503", "http-check expect status 405",
        "server bot3 127.0.0.1:8083 check");
  }
}
