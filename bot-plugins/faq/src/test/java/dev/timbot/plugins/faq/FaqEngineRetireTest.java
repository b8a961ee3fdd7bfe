package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.plugins.faq.semantic.Embedder;
import dev.timbot.plugins.faq.semantic.EmbeddingCache;
import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.FakeEmbedder;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import dev.timbot.spi.BotClock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine the FAQ service replaces lets go of its semantic index (on disk, a memory-mapped graph that a reload must
 * not keep until the process ends), but only once the lookups still running on it have ended.
 */
class FaqEngineRetireTest {
  private static final Duration POLL = Duration.ofSeconds(10);
  private static final String KB = """
      entries:
        - {id: refund, questions: [退款多久到账, "How long does a refund take?"], answer: 3 天}
        - {id: pw, questions: [忘记密码怎么办, I forgot my password], answer: 重置}
      """;
  @TempDir Path dir;

  /** The fake model, but a query embedded while {@link #armed} waits until the test lets it go. */
  private static final class PausingEmbedder implements Embedder {
    final FakeEmbedder fake = new FakeEmbedder("fake");
    volatile boolean armed;
    final CountDownLatch inside = new CountDownLatch(1);
    final CountDownLatch go = new CountDownLatch(1);

    @Override
    public String id() {
      return fake.id();
    }

    @Override
    public int dimension() {
      return fake.dimension();
    }

    @Override
    public float[] embed(String text) {
      if (armed) {
        inside.countDown();
        try {
          go.await(30, TimeUnit.SECONDS); // a guard against a hang, not a timing
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return fake.embed(text);
    }
  }

  private static KnowledgeBase kb() throws Exception {
    Path file = Files.createTempFile("kb", ".yaml");
    Files.writeString(file, KB, StandardCharsets.UTF_8);
    return KnowledgeBase.load(file).orThrow();
  }

  @Test
  void aRetiredEngineClosesItsIndexOnlyWhenTheLookupOnItEnds() throws Exception {
    KnowledgeBase kb = kb();
    PausingEmbedder model = new PausingEmbedder();
    SemanticIndex index = SemanticIndex.build(kb, new EmbeddingCaches(EmbeddingCache.inMemory(model), null), null,
        0.06, SemanticIndex.Progress.NONE);
    FaqEngine engine = FaqEngine.build(kb, FaqConfig.defaults(), RetrievalMode.HYBRID, index);

    model.armed = true;
    CompletableFuture<Optional<FaqResult>> lookup =
        CompletableFuture.supplyAsync(() -> engine.queryIfLive("退款要几天才到账"));
    assertThat(model.inside.await(30, TimeUnit.SECONDS)).isTrue();
    engine.retire();
    assertThat(index.isClosed()).as("a lookup is still running on it").isFalse();
    assertThat(engine.queryIfLive("忘记密码怎么办")).as("no new lookup starts on a retired engine").isEmpty();

    model.go.countDown();
    assertThat(lookup.get(30, TimeUnit.SECONDS)).hasValueSatisfying(r -> assertThat(r.bestEntryId()).isEqualTo("refund"));
    assertThat(index.isClosed()).as("its last lookup ended").isTrue();
  }

  @Test
  void anEngineABuilderMadeKeepsItsIndexUntilClosedByItsOwner() throws Exception {
    KnowledgeBase kb = kb();
    SemanticIndex index = SemanticIndex.build(kb, new EmbeddingCaches(EmbeddingCache.inMemory(new FakeEmbedder("f")),
        null), null, 0.06, SemanticIndex.Progress.NONE);
    FaqEngine engine = FaqEngine.build(kb, FaqConfig.defaults(), RetrievalMode.HYBRID, index);

    assertThat(engine.queryIfLive("退款多久到账")).isPresent();
    assertThat(engine.query("忘记密码怎么办").bestEntryId()).isEqualTo("pw");
    assertThat(index.isClosed()).isFalse();
  }

  @Test
  void theServiceLetsGoOfTheReplacedVectorsAndOfTheLastOnesWhenClosed() throws Exception {
    VirtualClock clock = new VirtualClock();
    Path file = dir.resolve("kb.yaml");
    Files.writeString(file, KB, StandardCharsets.UTF_8);
    Queue<Runnable> background = new ArrayDeque<>();
    FakeEmbedder fake = new FakeEmbedder("fake");
    SemanticSettings settings = new SemanticSettings(RetrievalMode.HYBRID, dir, false, null, 0.06, true);
    FaqService service = FaqService.start(file, FaqConfig.defaults(), clock, POLL, null,
        new ReloadingKnowledgeBase.Listener() {}, settings, background::add,
        () -> new EmbeddingCaches(EmbeddingCache.inMemory(fake), null));
    background.remove().run();
    SemanticIndex first = service.engine().semantic();
    assertThat(first.isClosed()).isFalse();

    Files.writeString(file, KB.replace("I forgot my password]", "I forgot my password, 密码忘了]"),
        StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    clock.advance(POLL);
    assertThat(first.isClosed()).as("the reload's BM25 engine replaced it").isTrue();
    assertThat(service.ask("u", "密码忘了").bestEntryId()).isEqualTo("pw");

    background.remove().run();
    SemanticIndex second = service.engine().semantic();
    assertThat(second.isClosed()).isFalse();
    assertThat(service.ask("u", "退款多久到账").bestEntryId()).isEqualTo("refund");

    service.close();
    assertThat(second.isClosed()).isTrue();
    assertThatThrownBy(() -> service.ask("u", "退款多久到账")).isInstanceOf(IllegalStateException.class);
  }
}
