package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.semantic.EmbeddingCache;
import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.FakeEmbedder;
import dev.timbot.spi.BotClock.VirtualClock;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the FAQ writes beside its answers (the unanswered log, the vector cache) may fail to be written (a full disk, a
 * read-only data directory): the answers must not fail with them.
 */
class FaqServiceUnwritableFilesTest {
  private static final Duration POLL = Duration.ofSeconds(10);
  private static final Path SHOP = Path.of("src/main/resources/kb/shop-faq.yaml");
  @TempDir Path dir;

  /** A log file on a disk that can be made full and freed again. */
  private static final class DiskWriter extends Writer {
    final AtomicBoolean full = new AtomicBoolean();
    final StringWriter written = new StringWriter();

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      if (full.get()) {
        throw new IOException("No space left on device");
      }
      written.write(buf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aFullDiskUnderTheUnansweredLogCostsItsLinesButNoLookup() throws Exception {
    VirtualClock clock = new VirtualClock();
    DiskWriter disk = new DiskWriter();
    List<String> questions = List.of("退款多久到账", "退款", "给我讲个笑话");
    List<FaqDecision> expected;
    try (FaqEngine engine = FaqEngine.build(KnowledgeBase.load(SHOP).orThrow())) {
      expected = questions.stream().map(q -> engine.query(q).decision()).toList();
    }
    assertThat(expected).as("the questions include ones the log records").anyMatch(d -> d != FaqDecision.ANSWER);

    try (FaqService service = FaqService.start(SHOP, FaqConfig.defaults(), clock, POLL,
        new UnansweredLog(disk, clock), new ReloadingKnowledgeBase.Listener() {})) {
      disk.full.set(true);
      for (int round = 0; round < 3; round++) {
        clock.advance(Duration.ofSeconds(20));
        assertThat(questions.stream().map(q -> service.ask("u1", q).decision()).toList()).isEqualTo(expected);
      }
      assertThat(service.stats().total()).isEqualTo(3 * questions.size());
      assertThat(disk.written.toString()).isEmpty();

      disk.full.set(false);
      assertThat(service.ask("u1", "给我讲个笑话").decision()).isEqualTo(expected.get(2));
      assertThat(disk.written.toString().lines().toList()).hasSize(1)
          .allSatisfy(line -> assertThat(line).contains("\"user\":\"u1\""));
    }
  }

  @Test
  void aFailingLogIsWarnedAboutAtFirstThenAtMostOnceAMinute() {
    FaqService.UnansweredLogFailures failures = new FaqService.UnansweredLogFailures();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    RuntimeException full = new java.io.UncheckedIOException(new IOException("No space left on device"));

    assertThat(failures.failed(full, t)).isTrue();
    assertThat(failures.failed(full, t.plusSeconds(1))).isFalse();
    assertThat(failures.failed(full, t.plusSeconds(59))).isFalse();
    assertThat(failures.failed(full, t.plusSeconds(60))).isTrue();
    assertThat(failures.failed(full, t.plusSeconds(61))).isFalse();
    assertThat(failures.lost()).isEqualTo(5);

    failures.written();
    assertThat(failures.lost()).isZero();
    assertThat(failures.failed(full, t.plusSeconds(62))).as("a new outage is warned about at once").isTrue();
  }

  @Test
  void vectorsThatCannotBeSavedStillServeTheIndexBuiltWithThem() throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, """
        entries:
          - {id: refund, questions: [退款多久到账, "How long does a refund take?"], answer: 3 天}
          - {id: pw, questions: [忘记密码怎么办, I forgot my password], answer: 重置}
        """, StandardCharsets.UTF_8);
    // A data directory that cannot be created, as a full disk or a read-only mount refuses the cache file.
    Path notADirectory = Files.writeString(dir.resolve("data"), "a file, not a directory");
    Queue<Runnable> background = new ArrayDeque<>();
    SemanticSettings settings = new SemanticSettings(RetrievalMode.HYBRID, notADirectory, false, null, 0.06, true);

    try (FaqService service = FaqService.start(kb, FaqConfig.defaults(), new VirtualClock(), POLL, null,
        new ReloadingKnowledgeBase.Listener() {}, settings, background::add,
        () -> new EmbeddingCaches(EmbeddingCache.saved(new FakeEmbedder("fake"), settings.vectorDir()), null))) {
      background.remove().run();

      assertThat(service.semanticReady()).isTrue();
      assertThat(service.engine().mode()).isEqualTo(RetrievalMode.HYBRID);
      assertThat(service.ask("u", "退款多久到账").bestEntryId()).isEqualTo("refund");
      assertThat(Files.readString(notADirectory)).isEqualTo("a file, not a directory");
    }
  }
}
