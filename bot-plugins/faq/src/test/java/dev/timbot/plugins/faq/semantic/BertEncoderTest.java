package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.plugins.faq.EvalCase;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled models, for real: {@link BertEncoder}'s vectors are langchain4j's, bit for bit. Every cached vector (KB
 * texts, calibration probes) was computed through langchain4j's encoder, so a query vector that differed in the last
 * bit would be compared with them on another footing — and a changed vector would change answers.
 */
class BertEncoderTest {
  private static OnnxEmbedder chinese;
  private static OnnxEmbedder english;

  @BeforeAll
  static void load() {
    Path nativeDir = Path.of("target", "faq-test-data", "native").toAbsolutePath();
    chinese = OnnxEmbedder.bgeSmallZh(nativeDir);
    english = OnnxEmbedder.bgeSmallEn(nativeDir);
  }

  /** Real questions in every script and register the KBs get, plus texts that take langchain4j's other branches. */
  private static List<String> texts() throws Exception {
    List<String> texts = new ArrayList<>();
    for (String kb : List.of("telecom", "hotel", "bank")) {
      for (EvalCase c : EvalCase.readTsv(Path.of("src", "test", "resources", "kb", kb + "-cases.tsv"))) {
        texts.add(TextNormalizer.normalize(c.query()).strip());
      }
    }
    texts.addAll(List.of(
        "x", "??", "ok", "a##b ##c", "[UNK] [CLS] 我的卡", "café naïve résumé", "😀 退款", "e-mail: a.b@c.de 123456789",
        "Hello WORLD", "  spaced   out  ", "\u200b\u200b", // zero-width: the tokenizer keeps no token
        "退款".repeat(400), // more tokens than one part: langchain4j's own encoder
        "refund my order please ".repeat(150)));
    return texts;
  }

  @Test
  void vectorsAreLangchain4jsBitForBit() throws Exception {
    List<String> texts = texts();
    assertThat(texts).hasSizeGreaterThan(400);
    for (OnnxEmbedder model : List.of(chinese, english)) {
      int compared = 0;
      for (String text : texts) {
        float[] expected;
        try {
          expected = model.langchain4jVector(text);
        } catch (IllegalArgumentException e) {
          assertThatThrownBy(() -> model.embed(text)).as(text).isInstanceOf(IllegalArgumentException.class);
          continue;
        }
        float[] actual = model.embed(text);
        assertThat(Arrays.equals(actual, expected)).as("%s: %s", model.id(), text).isTrue();
        compared++;
      }
      assertThat(compared).as(model.id()).isGreaterThan(texts.size() - 3);
    }
  }

  @Test
  void vectorsMatchTheOnesStoredBeforeThisEncoder() {
    // Arrays.hashCode of these texts' vectors as the 39d9247 build (langchain4j's encoder) computed them: vectors in
    // every vector cache were computed that way, so a new library version that changed them shows here.
    assertThat(Arrays.hashCode(chinese.embed("卡被吞了怎么办"))).isEqualTo(ZH_FIXTURE);
    assertThat(Arrays.hashCode(english.embed("how do i top up my phone"))).isEqualTo(EN_FIXTURE);
  }

  private static final int ZH_FIXTURE = -515816858;
  private static final int EN_FIXTURE = 1693167133;
}
