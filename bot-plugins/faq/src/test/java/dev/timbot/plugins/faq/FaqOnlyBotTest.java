package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FAQ-only bot: this module's classpath holds bot-core and the FAQ, and no other plugin. The
 * desk it would report misses to is an optional core contract, absent here.
 */
class FaqOnlyBotTest {

  @Test
  void noOtherPluginIsOnTheClasspath() {
    for (String other : new String[] {"dev.timbot.plugins.service.ServicePlugin",
        "dev.timbot.plugins.autoreply.AutoReplyPlugin", "dev.timbot.plugins.calls.CallsPlugin"}) {
      assertThatThrownBy(() -> Class.forName(other)).isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void answersAndGivesUpWithoutADesk(@TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, FaqPluginTest.KB);
    try (BotTester t = BotTester.builder()
        .yaml("bot: { account: faqbot }\nfaq: { kb: '" + kb + "', unansweredLog: none }\n")
        .plugin(FaqPlugin.class).build()) {
      t.user("alice").says("how much is shipping");
      t.shouldReply("Shipping is free over 99.").shouldNotReply();
      t.user("alice").says("zebra migration patterns");
      t.shouldNotReply(); // nothing to say and no desk to hand over to: nothing is sent
      t.user("alice").says("/faq-reload");
      t.shouldReply("/faq-reload is for operators (faq.operators) and agents.");
    }
  }
}
