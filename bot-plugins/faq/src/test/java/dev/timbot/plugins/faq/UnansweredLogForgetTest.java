package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recalled question leaves the unanswered log; everything else stays, and logging goes on. */
class UnansweredLogForgetTest {
  @TempDir Path dir;

  @Test
  void aRecalledQuestionLeavesTheLog() throws Exception {
    VirtualClock clock = new VirtualClock();
    Path file = dir.resolve("unanswered.jsonl");
    KnowledgeBase kb = KnowledgeBase.of(List.of(FaqEntry.of("pw", "reset", "忘记密码怎么办")));
    try (FaqEngine engine = FaqEngine.build(kb); UnansweredLog log = UnansweredLog.open(file, clock)) {
      log.record("u1", engine.query("my card PIN is 9999"));
      log.record("u2", engine.query("my card PIN is 9999")); // someone else's: stays
      log.record("u1", engine.query("where is my parcel"));
      assertThat(log.forget("u1", "my card PIN is 9999")).isEqualTo(1);
      log.record("u1", engine.query("still there?")); // the log goes on appending
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(Files.readAllLines(file)).hasSize(3);
    assertThat(text).contains("\"user\":\"u2\",\"text\":\"my card PIN is 9999\"")
        .doesNotContain("\"user\":\"u1\",\"text\":\"my card PIN is 9999\"")
        .contains("where is my parcel", "still there?");
  }
}
