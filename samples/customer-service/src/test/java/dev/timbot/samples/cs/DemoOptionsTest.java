package dev.timbot.samples.cs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo says when it is started wrongly. */
class DemoOptionsTest {

  @Test
  void optionsAndTheirErrors() {
    DemoOptions o = DemoOptions.parse(new String[] {"--port", "9100", "--callback-port", "0"}, Map.of());
    assertThat(o.imPort()).isEqualTo(9100);
    assertThat(o.callbackPort()).isZero();
    assertThat(o.realMode()).isFalse();
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessageContaining("--port needs a port number");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--verbose", "x"}, Map.of()))
        .hasMessageContaining("unknown option --verbose").hasMessageContaining("usage:");
    assertThat(DemoOptions.parse(new String[0],
        Map.of("TIM_SDKAPPID", "1400000001", "TIM_SECRET_KEY", "k", "TIM_ADMIN", "admin")).realMode()).isTrue();
  }

  @Test
  void helpUnknownOptionsAndPartialCredentials() {
    assertThat(DemoOptions.wantsHelp(new String[] {"--help"})).isTrue();
    assertThat(DemoOptions.usage()).contains("--callback-port", "TIM_SDKAPPID");
    // An unknown option is named as unknown even without a value after it.
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--verbose"}, Map.of()))
        .hasMessageContaining("unknown option --verbose").hasMessageContaining("--port");
    assertThatThrownBy(() -> DemoOptions.parse(new String[0], Map.of("TIM_SDKAPPID", "1400000001")))
        .hasMessageContaining("TIM_SECRET_KEY and TIM_ADMIN are missing");
    assertThatThrownBy(() -> DemoOptions.parse(new String[0],
            Map.of("TIM_SDKAPPID", "1400000001", "TIM_ADMIN", "administrator")))
        .hasMessageContaining("TIM_SECRET_KEY is missing");
  }

  @Test
  void aPortInUseIsAClearError(@TempDir Path data) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> CustomerServiceDemo.start(
              new DemoOptions(taken.getLocalPort(), 0, null, data, Map.of())))
          .hasMessageContaining("could not listen on port " + taken.getLocalPort())
          .hasMessageContaining("--port");
    }
  }
}
