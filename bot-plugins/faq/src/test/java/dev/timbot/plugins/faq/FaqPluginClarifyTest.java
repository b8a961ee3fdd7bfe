package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid mode through the test kit, with the real models: close siblings get a clarifying
 * question that names them, and a word of the reply picks one. Vectors are built at start
 * ({@code vectorsInBackground: false}) and the thresholds are fixed, so the run is deterministic.
 */
class FaqPluginClarifyTest {
  static final String KB = """
      entries:
        - id: lost-debit
          questions: [借记卡丢了怎么挂失, "I lost my debit card"]
          answer: "借记卡挂失：App → 卡片 → 挂失。"
        - id: lost-credit
          questions: [信用卡丢了怎么挂失, "I lost my credit card"]
          answer: "信用卡挂失：致电 95555。"
        - id: rates
          questions: [定期存款利率是多少, "What are your deposit rates?"]
          answer: "一年 1.35%。"
      """;

  @Test
  void closeSiblingsGetAClarifyingQuestionAndAWordPicksOne(@TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, KB);
    String yaml = "bot: { account: bankbot }\n"
        + "faq: { kb: '" + kb + "', unansweredLog: none, mode: hybrid, vectorsInBackground: false,"
        + " dataDir: '" + RealModel.dataDir() + "', semanticThresholds: [0.5, 0.08, 0.3] }\n";
    try (BotTester t = BotTester.builder().yaml(yaml).plugin(FaqPlugin.class)
        .plugin(FaqPluginTest.FALLBACK).build()) {
      t.user("alice").says("卡丢了");
      t.shouldReply(s -> assertThat(s.text()).startsWith("请问您是想问")
          .contains("借记卡丢了怎么挂失").contains("信用卡丢了怎么挂失").contains("还是")
          .doesNotContain("定期"));
      t.user("alice").says("信用卡");
      t.shouldReply("信用卡挂失：致电 95555。").shouldNotReply();

      t.user("alice").says("定期存款利率是多少");
      t.shouldReply("一年 1.35%。");
    }
  }
}
