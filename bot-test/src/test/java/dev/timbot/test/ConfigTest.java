package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.BotConfig;
import dev.timbot.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  static final String YAML = """
      tim:
        sdkAppId: 1400000001
        secretKey: s3cr3t-key
        admin: administrator
      bot:
        account: "@RBT#echo"
        nick: Echo
      callback:
        port: 9090
        token: tok-123
      dispatch:
        handlerTimeout: 5s
        commandPrefixes: ["/", "#"]
      """;

  @Test
  void readsYamlWithDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bot.yaml");
    Files.writeString(file, YAML);
    BotConfig c = BotConfig.load(file, Map.of());
    assertThat(c.tim().sdkAppId()).isEqualTo(1400000001L);
    assertThat(c.tim().baseUrl()).isEqualTo("https://console.tim.qq.com");
    assertThat(c.bot().account()).isEqualTo("@RBT#echo");
    assertThat(c.bot().isRobot()).isTrue();
    assertThat(c.callback().port()).isEqualTo(9090);
    assertThat(c.callback().path()).isEqualTo("/tim/callback");
    assertThat(c.callback().host()).isEqualTo("0.0.0.0");
    assertThat(c.dispatch().handlerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.dispatch().commandPrefixes()).containsExactly("/", "#");
    assertThat(c.dispatch().dedupeTtl()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void environmentOverridesEveryDocumentedKey() {
    BotConfig c = BotConfig.parse(YAML, Map.ofEntries(
        Map.entry("TIM_SDKAPPID", "1400000002"), Map.entry("TIM_SECRET_KEY", "other"), Map.entry("TIM_ADMIN", "root"),
        Map.entry("TIM_BASE_URL", "http://127.0.0.1:9000"), Map.entry("BOT_ACCOUNT", "helper"),
        Map.entry("CALLBACK_HOST", "127.0.0.1"), Map.entry("CALLBACK_PORT", "8081"), Map.entry("CALLBACK_PATH", "/cb"),
        Map.entry("CALLBACK_TOKEN", "t2"), Map.entry("DISPATCH_HANDLER_TIMEOUT", "PT1M"),
        Map.entry("TIM_RATE_LIMIT", "5000")));
    assertThat(c.tim()).isEqualTo(new BotConfig.Tim(1400000002L, "other", "root", "http://127.0.0.1:9000", 5000));
    assertThat(c.bot().account()).isEqualTo("helper");
    assertThat(c.callback()).isEqualTo(new BotConfig.Callback("127.0.0.1", 8081, "/cb", "t2"));
    assertThat(c.dispatch().handlerTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(BotConfig.parse("", Map.of("DISPATCH_COMMAND_PREFIXES", "!, ?")).dispatch().commandPrefixes())
        .containsExactly("!", "?");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> BotConfig.parse("tim: {sdkAppId: abc}"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("tim.sdkAppId: expected an integer");
    assertThatThrownBy(() -> BotConfig.parse("", Map.of("CALLBACK_PORT", "70000")))
        .hasMessageStartingWith("callback.port: must be between 0 and 65535");
    assertThatThrownBy(() -> BotConfig.parse("dispatch: {handlerTimeout: soon}"))
        .hasMessageStartingWith("dispatch.handlerTimeout: expected a duration");
    assertThatThrownBy(() -> BotConfig.parse("tim: [1, 2]\n"))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void missingRequiredKeysFailAtStartNamingTheKey() {
    BotConfig noAccount = BotConfig.parse("tim: {sdkAppId: 1}");
    var tester = BotTester.builder().config(noAccount).unstarted().build();
    assertThatThrownBy(tester::start).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bot.account: required").hasMessageContaining("BOT_ACCOUNT");
    // Without an ImClient override the Tencent client needs tim.* keys.
    var bot = dev.timbot.Bot.builder().config(BotConfig.forAccount("x")).externalIntake().build();
    assertThatThrownBy(bot::start).isInstanceOf(ConfigException.class).hasMessageStartingWith("tim.sdkAppId: required");
  }

  @Test
  void secretsNeverAppearInToStringOrErrors() {
    BotConfig c = BotConfig.parse(YAML);
    assertThat(c.toString()).doesNotContain("s3cr3t-key").doesNotContain("tok-123").contains("***");
    assertThat(c.tim().toString()).doesNotContain("s3cr3t-key");
    assertThatThrownBy(() -> BotConfig.parse("tim: {secretKey: [s3cr3t-key]}"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-key"));
    assertThatThrownBy(() -> BotConfig.parse("tim: {secretKey: s3cr3t-key\nbad: [", Map.of()))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-key"));
  }

  record FaqSettings(double threshold, List<String> sources) {
    FaqSettings {
      if (threshold <= 0 || threshold > 1) {
        throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
      }
      sources = sources == null ? List.of() : sources;
    }
  }

  @Test
  void pluginSectionsBindToRecordsWithKeyedErrors() {
    BotConfig c = BotConfig.parse("faq: {threshold: 0.8, sources: [a.md]}\nbad: {threshold: 2}\n"
        + "typo: {treshold: 0.5}\nwrong: {threshold: high}");
    assertThat(c.section("faq", FaqSettings.class)).isEqualTo(new FaqSettings(0.8, List.of("a.md")));
    assertThatThrownBy(() -> c.section("bad", FaqSettings.class))
        .hasMessageStartingWith("bad: invalid FaqSettings: threshold must be in (0, 1], got 2.0");
    assertThatThrownBy(() -> c.section("typo", FaqSettings.class))
        .hasMessageStartingWith("typo.treshold: unknown key");
    assertThatThrownBy(() -> c.section("wrong", FaqSettings.class))
        .hasMessageStartingWith("wrong.threshold: invalid FaqSettings");
  }
}
