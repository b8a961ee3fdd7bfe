package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A question the user recalls leaves the unanswered log (issue 16: what was taken back is not kept). */
class FaqRecallTest {

  @Test
  void aRecalledQuestionLeavesTheUnansweredLog(@TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Path log = dir.resolve("u.jsonl");
    Files.writeString(kb, FaqPluginTest.KB);
    try (BotTester t = BotTester.builder()
        .yaml("bot: { account: shopbot }\nfaq: { kb: '" + kb + "', unansweredLog: '" + log + "' }\n")
        .plugin(FaqPlugin.class).build()) {
      var pin = t.user("alice").says("my card PIN is 9999, zebra");
      t.user("alice").says("zebra crossing rules");
      assertThat(Files.readString(log)).contains("9999").contains("zebra crossing");

      t.deliver("{\"CallbackCommand\":\"C2C.CallbackAfterMsgWithDraw\",\"From_Account\":\"alice\","
          + "\"To_Account\":\"shopbot\",\"MsgKey\":\"" + pin.message().msgKey() + "\",\"UnreadMsgNum\":0,"
          + "\"EventTime\":1700000000000}");

      assertThat(Files.readString(log)).doesNotContain("9999").contains("zebra crossing");
    }
  }
}
