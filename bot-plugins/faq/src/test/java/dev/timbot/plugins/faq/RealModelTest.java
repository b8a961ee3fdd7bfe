package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled models, for real: natives unpacked where configured, paraphrases found by meaning. */
class RealModelTest {

  @Test
  void findsParaphrasesWithoutSharedWordsAndUnpacksNativesWhereConfigured() {
    KnowledgeBase kb = KnowledgeBase.of(List.of(
        FaqEntry.of("topup", "in the app", "怎么充值话费", "How do I top up my prepaid balance?"),
        FaqEntry.of("roaming", "in the app", "出国怎么开通漫游", "How do I turn on international roaming?"),
        FaqEntry.of("sim-lost", "call us", "手机卡丢了怎么挂失", "I lost my SIM card"),
        FaqEntry.of("bill", "bill tab", "怎么查账单", "Where can I see my bill?")));
    Path data = RealModel.dataDir();
    EmbeddingCaches caches = EmbeddingCaches.bundled(data.resolve("vectors"), data.resolve("native"), true);
    SemanticIndex index = SemanticIndex.build(kb, caches, null, 0.06, SemanticIndex.Progress.NONE);

    try (FaqEngine engine = FaqEngine.build(kb, FaqConfig.defaults(), RetrievalMode.HYBRID, index)) {
      assertThat(engine.query("add credit to my phone").bestEntryId()).isEqualTo("topup");
      assertThat(engine.query("手機被偷了").bestEntryId()).isEqualTo("sim-lost");
      assertThat(engine.query("下周去日本旅游，电话还能打吗").bestEntryId()).isEqualTo("roaming");
    }
    assertThat(System.getProperty("onnxruntime.native.path")).startsWith(data.toString());
    assertThat(Files.exists(Path.of(System.getProperty("onnxruntime.native.path"), System.mapLibraryName("onnxruntime"))))
        .isTrue();
  }
}
