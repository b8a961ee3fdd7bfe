package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
  @TempDir Path dir;

  private static KnowledgeBase kb(String refundAnswer) {
    return KnowledgeBase.of(List.of(
        FaqEntry.of("pw", "reset it", "忘记密码怎么办", "I forgot my password"),
        FaqEntry.of("refund", refundAnswer, "退款多久到账", "How long does a refund take?"),
        FaqEntry.of("ship", "2-4 days", "几天能到", "How long is delivery?")));
  }

  private static SemanticIndex build(KnowledgeBase kb, EmbeddingCache cache) {
    return SemanticIndex.build(kb, new EmbeddingCaches(cache, null), null, 0.05, SemanticIndex.Progress.NONE);
  }

  @Test
  void aReloadEmbedsOnlyTheEntryThatChanged() {
    FakeEmbedder fake = new FakeEmbedder("fake");
    EmbeddingCache cache = EmbeddingCache.inMemory(fake);
    build(kb("1-3 days"), cache);
    int first = fake.calls.get();

    build(kb("1-3 days"), cache);
    assertThat(fake.calls.get()).as("same KB again").isEqualTo(first);

    build(kb("3-5 days"), cache);
    // Only the refund entry's question+answer text changed: one new embedding.
    assertThat(fake.calls.get() - first).isEqualTo(1);
  }

  /** Saves the vectors of {@code kb(refundAnswer)} in {@link #dir}, as a first start would; returns the file. */
  private Path savedCacheOf(String refundAnswer) {
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    build(kb(refundAnswer), cache);
    cache.save();
    return dir.resolve("fake.vectors");
  }

  @Test
  void aTruncatedCacheFileIsIgnoredAndEverythingReEmbedded() throws Exception {
    Path file = savedCacheOf("1-3 days");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 100));

    EmbeddingCache reloaded = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    assertThat(reloaded.size()).isZero();
    build(kb("1-3 days"), reloaded);
    assertThat(reloaded.computed()).isEqualTo(reloaded.size()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void aSavedCacheServesTheNextStartWithoutEmbeddingAndDropsStaleVectors() throws Exception {
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    build(kb("1-3 days"), cache);
    build(kb("3-5 days"), cache); // the old refund text is no longer live
    cache.save();
    int live = cache.size();

    FakeEmbedder restarted = new FakeEmbedder("fake");
    EmbeddingCache reloaded = EmbeddingCache.saved(restarted, dir);
    assertThat(reloaded.size()).isEqualTo(live);
    SemanticIndex index = build(kb("3-5 days"), reloaded);

    assertThat(restarted.calls.get()).isZero();
    assertThat(reloaded.computed()).isZero();
    assertThat(index.chinese().index().rows()).isEqualTo(9);
  }

  @Test
  void vectorsOfAnotherModelOrACorruptFileAreNotUsed() throws Exception {
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("model-a"), dir);
    cache.vector("hello");
    cache.save();
    Files.copy(dir.resolve("model-a.vectors"), dir.resolve("model-b.vectors"));
    Files.write(dir.resolve("model-c.vectors"), new byte[] {1, 2, 3});

    assertThat(EmbeddingCache.saved(new FakeEmbedder("model-a"), dir).size()).isEqualTo(1);
    assertThat(EmbeddingCache.saved(new FakeEmbedder("model-b"), dir).size()).isZero();
    assertThat(EmbeddingCache.saved(new FakeEmbedder("model-c"), dir).size()).isZero();
  }

  @Test
  void aRepeatedQueryIsEmbeddedOnceAndNeverJoinsTheKbVectors() {
    FakeEmbedder fake = new FakeEmbedder("fake");
    EmbeddingCache cache = EmbeddingCache.inMemory(fake);

    float[] first = cache.query("退款多久到账");
    float[] again = cache.query("退款多久到账");

    assertThat(again).isSameAs(first).isEqualTo(fake.embed("退款多久到账"));
    assertThat(fake.calls.get()).isEqualTo(2); // one for the queries, one for the check above
    assertThat(cache.size()).isZero();
    assertThat(cache.computed()).isZero();
  }

  @Test
  void aRestartWithNothingNewLeavesTheFileAloneAndAChangeWritesIt() throws Exception {
    Path file = savedCacheOf("1-3 days");
    byte[] saved = Files.readAllBytes(file);

    EmbeddingCache restarted = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    build(kb("1-3 days"), restarted);
    Files.delete(file); // a write would bring it back
    restarted.save();
    assertThat(file).as("nothing new: not rewritten").doesNotExist();

    build(kb("3-5 days"), restarted); // one new text, one stale one dropped
    restarted.save();
    assertThat(file).exists();
    EmbeddingCache again = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    assertThat(again.size()).isEqualTo(restarted.size());
    build(kb("3-5 days"), again);
    assertThat(again.computed()).isZero();
    assertThat(saved.length).isEqualTo(Files.size(file)); // same number of vectors: one in, one out
  }

  @Test
  void droppingStaleVectorsAloneIsSaved() throws Exception {
    savedCacheOf("1-3 days");
    EmbeddingCache restarted = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    int before = restarted.size();
    restarted.retain(java.util.Set.of("忘记密码怎么办"));
    restarted.save();

    assertThat(EmbeddingCache.saved(new FakeEmbedder("fake"), dir).size()).isEqualTo(1).isLessThan(before);
  }
}
