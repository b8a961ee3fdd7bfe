package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqServiceTest {
  private static final Duration POLL = Duration.ofSeconds(10);
  @TempDir Path dir;
  private long mtime = 1_700_000_000_000L;

  private void write(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    mtime += 10_000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
  }

  @Test
  void answersReloadsKeepsServingOnBrokenFileAndLogs() throws Exception {
    VirtualClock clock = new VirtualClock();
    Path file = dir.resolve("kb.yaml");
    write(file, """
        entries:
          - {id: refund, questions: [退款多久到账], answer: 3 天}
        """);
    StringWriter log = new StringWriter();
    List<String> events = new ArrayList<>();
    ReloadingKnowledgeBase.Listener listener = new ReloadingKnowledgeBase.Listener() {
      @Override
      public void reloaded(KnowledgeBase kb) {
        events.add("reloaded " + kb.size());
      }

      @Override
      public void rejected(List<KbError> errors) {
        events.add("rejected line " + errors.get(0).line());
      }
    };
    try (FaqService service = FaqService.start(
        file, FaqConfig.defaults(), clock, POLL, new UnansweredLog(log, clock), listener)) {
      assertThat(service.ask("u1", "退款多久到账").answer()).map(FaqEntry::answerText).contains("3 天");
      assertThat(service.ask("u1", "怎么开发票").decision()).isEqualTo(FaqDecision.NONE);

      write(file, """
          entries:
            - {id: refund, questions: [退款多久到账], answer: 3 天}
            - {id: invoice, questions: [怎么开发票], answer: 结算时选择}
          """);
      clock.advance(POLL);
      assertThat(events).containsExactly("reloaded 2");
      assertThat(service.ask("u2", "怎么开发票").answer()).map(FaqEntry::id).contains("invoice");

      write(file, "entries:\n  - {id: x, questions: [q]}\n");
      assertThat(service.reload()).isEqualTo(ReloadingKnowledgeBase.Outcome.REJECTED);
      assertThat(events).last().isEqualTo("rejected line 2");
      assertThat(service.ask("u3", "怎么开发票").answer()).as("old KB still serving").isPresent();

      assertThat(service.stats().answered()).isEqualTo(3);
      assertThat(service.stats().none()).isEqualTo(1);
      assertThat(log.toString().lines()).hasSize(1).first().asString().contains("\"user\":\"u1\"");
    }
  }
}
