package dev.timbot.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.BotConfig;
import dev.timbot.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a token the bot does not start, unless unsigned callbacks were asked for explicitly. */
class UnsignedCallbacksTest {
  @Test
  void noTokenRefusesToStart() {
    BotConfig.Callback cb = BotConfig.parse("callback: {port: 0}").callback();
    assertThatThrownBy(() -> TencentWiring.requireSignedOrExplicitlyUnsigned(cb))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("callback.token")
        .hasMessageContaining("callback.allowUnsigned");
  }

  @Test
  void tokenOrExplicitOptInStarts() {
    assertThatNoException().isThrownBy(() -> TencentWiring.requireSignedOrExplicitlyUnsigned(
        BotConfig.parse("callback: {token: s3cret}").callback()));
    BotConfig.Callback optIn = BotConfig.parse("", Map.of("CALLBACK_ALLOW_UNSIGNED", "true")).callback();
    assertThat(optIn.allowUnsigned()).isTrue();
    assertThatNoException().isThrownBy(() -> TencentWiring.requireSignedOrExplicitlyUnsigned(optIn));
  }

  @Test
  void allowUnsignedMustBeABoolean() {
    assertThatThrownBy(() -> BotConfig.parse("callback: {allowUnsigned: maybe}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("callback.allowUnsigned");
  }
}
