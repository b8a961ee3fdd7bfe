package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import dev.timbot.spi.BotClock.VirtualClock;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages no FAQ question looks like: far longer than Lucene's 1 024 clauses allow a query to be, or made only of
 * characters nothing reads (U+200B, U+00AD, U+FEFF, U+0000). Each must come back as a decision the service can count
 * and log, in lexical and in hybrid mode (the bundled models, for real), never as an exception.
 */
class FaqEngineOddMessagesTest {
  private static final KnowledgeBase KB = KnowledgeBase.of(List.of(
      FaqEntry.of("refund-time", "1-3 个工作日", "退款多久到账", "How long does a refund take?"),
      FaqEntry.of("shipping-time", "2-4 天", "发货后几天能到", "How many days for delivery?"),
      FaqEntry.of("password", "点忘记密码", "忘记密码怎么办", "I forgot my password"),
      FaqEntry.of("invoice", "结算时选发票", "怎么开发票", "How do I get an invoice?"),
      FaqEntry.of("coupon-use", "结算自动用券", "优惠券怎么用", "How do I use a coupon?"),
      FaqEntry.of("member", "四个等级", "会员等级有哪些", "What are the membership levels?")));

  /**
   * Chatter with no FAQ in it, cycled to any length: ordinary words, so each clause is a real term, some of them in
   * phrasings ("the", "my"), repeated hundreds of times.
   */
  private static final String CHINESE_CHATTER =
      "今天天气不错我们一家人周末去公园散步看到很多小朋友在草地上放风筝湖边还有人钓鱼中午在附近的小饭馆吃了面条味道很好";
  private static final String ENGLISH_CHATTER =
      "yesterday my neighbour painted the garden fence green while the children played football near the old oak tree ";

  private static FaqEngine lexical;
  private static FaqEngine hybrid;

  @BeforeAll
  static void engines() {
    lexical = FaqEngine.build(KB);
    Path data = RealModel.dataDir();
    SemanticIndex index = SemanticIndex.build(KB,
        EmbeddingCaches.bundled(data.resolve("vectors"), data.resolve("native"), true), null, 0.06,
        SemanticIndex.Progress.NONE);
    hybrid = FaqEngine.build(KB, FaqConfig.defaults(), RetrievalMode.HYBRID, index);
  }

  @AfterAll
  static void close() {
    lexical.close();
    hybrid.close();
  }

  static Stream<Arguments> modes() {
    return Stream.of(Arguments.of("lexical"), Arguments.of("hybrid"));
  }

  private static FaqEngine engine(String mode) {
    return mode.equals("lexical") ? lexical : hybrid;
  }

  private static String chinese(int chars) {
    return CHINESE_CHATTER.repeat(chars / CHINESE_CHATTER.length() + 1).substring(0, chars);
  }

  private static String englishWords(int words) {
    StringBuilder sb = new StringBuilder();
    String[] chatter = ENGLISH_CHATTER.split(" ");
    for (int i = 0; i < words; i++) {
      sb.append(chatter[i % chatter.length]).append(' ');
    }
    return sb.toString();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aLongChineseMessageIsAMissNotAFailure(String mode) {
    FaqResult r = engine(mode).query(chinese(5_000));

    assertThat(r.decision()).isEqualTo(FaqDecision.NONE);
    assertThat(r.answer()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aLongEnglishMessageIsAMissNotAFailure(String mode) {
    FaqResult r = engine(mode).query(englishWords(3_000));

    assertThat(r.decision()).isEqualTo(FaqDecision.NONE);
    assertThat(r.answer()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aQuestionOpeningALongMessageIsStillItsBestEntry(String mode) {
    FaqResult chinese = engine(mode).query("退款多久到账？" + chinese(5_000));
    FaqResult english = engine(mode).query("How long does a refund take? " + englishWords(3_000));

    assertThat(chinese.bestEntryId()).isEqualTo("refund-time");
    assertThat(english.bestEntryId()).isEqualTo("refund-time");
  }

  @Test
  void aLongMessageIsExplainedAsItIsSearched() {
    String explanation = lexical.explain("退款多久到账？" + chinese(5_000), "refund-time");

    assertThat(explanation).startsWith("phrasing 0: ").contains("q_bigrams:退款");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aMessageOfInvisibleCharactersIsEmpty(String mode) {
    for (String invisible : List.of("\u200b", "\u00ad", "\ufeff", "\u0000", "\u200b\u200d\u2060\ufeff", "\u0301")) {
      FaqResult r = engine(mode).query(invisible);

      assertThat(r.decision()).as("U+%04X", (int) invisible.charAt(0)).isEqualTo(FaqDecision.NONE);
      assertThat(r.ranked()).as("U+%04X", (int) invisible.charAt(0)).isEmpty();
    }
    // The same characters inside a real question change nothing.
    assertThat(engine(mode).query("\u200b退款多久到账\ufeff").bestEntryId()).isEqualTo("refund-time");
  }

  @Test
  void theServiceCountsAndLogsALongMessageAsUnanswered(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kb.yaml");
    Files.writeString(file, "entries:\n  - {id: refund, questions: [退款多久到账], answer: 3 天}\n");
    VirtualClock clock = new VirtualClock();
    StringWriter log = new StringWriter();
    try (FaqService service = FaqService.start(file, FaqConfig.defaults(), clock, Duration.ofSeconds(10),
        new UnansweredLog(log, clock), new ReloadingKnowledgeBase.Listener() {})) {
      FaqResult r = service.ask("u1", chinese(5_000));

      assertThat(r.decision()).isEqualTo(FaqDecision.NONE);
      assertThat(service.stats().none()).isEqualTo(1);
      assertThat(log.toString()).contains("\"user\":\"u1\"").contains("\"decision\":\"none\"");
    }
  }
}
