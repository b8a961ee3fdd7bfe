package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.plugins.faq.semantic.EmbeddingCache;
import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.FakeEmbedder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticFaqServiceTest {
  private static final Duration POLL = Duration.ofSeconds(10);
  @TempDir Path dir;

  @Test
  void answersWithBm25UntilVectorsAreReadyAndAgainAfterEachReload() throws Exception {
    VirtualClock clock = new VirtualClock();
    Path file = dir.resolve("kb.yaml");
    Files.writeString(file, """
        entries:
          - {id: refund, questions: [退款多久到账, "How long does a refund take?"], answer: 3 天}
          - {id: pw, questions: [忘记密码怎么办, I forgot my password], answer: 重置}
        """, StandardCharsets.UTF_8);
    Queue<Runnable> background = new ArrayDeque<>();
    FakeEmbedder fake = new FakeEmbedder("fake");
    SemanticSettings settings = new SemanticSettings(RetrievalMode.HYBRID, dir, false, null, 0.06, true);
    int[] cachesMade = {0};

    try (FaqService service = FaqService.start(file, FaqConfig.defaults(), clock, POLL, null,
        new ReloadingKnowledgeBase.Listener() {}, settings, background::add, () -> {
          cachesMade[0]++;
          return new EmbeddingCaches(EmbeddingCache.inMemory(fake), null);
        })) {
      assertThat(service.semanticReady()).isFalse();
      assertThat(service.engine().mode()).isEqualTo(RetrievalMode.LEXICAL);
      assertThat(service.ask("u", "退款多久到账").bestEntryId()).isEqualTo("refund");
      FaqEngine lexical = service.engine();

      background.remove().run();
      assertThat(service.semanticReady()).isTrue();
      assertThat(service.engine().mode()).isEqualTo(RetrievalMode.HYBRID);
      assertThat(service.engine().sharesIndexWith(lexical)).as("no second BM25 index of the same KB").isTrue();
      assertThat(service.ask("u", "退款多久到账").bestEntryId()).isEqualTo("refund");
      int firstBuild = fake.calls.get();

      Files.writeString(file, """
          entries:
            - {id: refund, questions: [退款多久到账, "How long does a refund take?"], answer: 3 天}
            - {id: pw, questions: [忘记密码怎么办, I forgot my password, 密码忘了], answer: 重置}
          """, StandardCharsets.UTF_8);
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
      clock.advance(POLL);

      assertThat(service.knowledgeBase().entry("pw").orElseThrow().questions()).hasSize(3);
      assertThat(service.semanticReady()).as("BM25 serves the new KB at once").isFalse();
      background.remove().run();
      assertThat(service.semanticReady()).isTrue();
      assertThat(fake.calls.get() - firstBuild).as("only the new phrasing is embedded").isEqualTo(1);
      assertThat(cachesMade[0]).isEqualTo(1);
    }
  }

  @Test
  void vectorsBuiltInlineServeFromTheStartWithoutALexicalEngineFirst() throws Exception {
    Path file = dir.resolve("kb.yaml");
    Files.writeString(file, "entries:\n  - {id: a, questions: [退款多久到账], answer: x}\n", StandardCharsets.UTF_8);
    SemanticSettings settings = new SemanticSettings(RetrievalMode.HYBRID, dir, false, null, 0.06, false);
    try (FaqService service = FaqService.start(file, FaqConfig.defaults(), new VirtualClock(), POLL, null,
        new ReloadingKnowledgeBase.Listener() {}, settings, Runnable::run,
        () -> new EmbeddingCaches(EmbeddingCache.inMemory(new FakeEmbedder("fake")), null))) {
      assertThat(service.semanticReady()).isTrue();
      assertThat(service.ask("u", "退款多久到账").bestEntryId()).isEqualTo("a");
    }
  }

  @Test
  void lexicalModeLoadsNoModel() throws Exception {
    Path file = dir.resolve("kb.yaml");
    Files.writeString(file, "entries:\n  - {id: a, questions: [退款多久到账], answer: x}\n", StandardCharsets.UTF_8);
    try (FaqService service = FaqService.start(file, FaqConfig.defaults(), new VirtualClock(), POLL, null,
        new ReloadingKnowledgeBase.Listener() {}, SemanticSettings.lexical(), r -> {
          throw new AssertionError("nothing to build in the background");
        }, () -> {
          throw new AssertionError("no model in lexical mode");
        })) {
      assertThat(service.ask("u", "退款多久到账").bestEntryId()).isEqualTo("a");
    }
  }
}
