package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A "did you mean" list outlives a knowledge-base reload that deletes one of its entries: the
 * numbers keep the positions the customer read, and the deleted entry's number says so instead
 * of answering the entry that moved up into its place.
 */
class FaqPluginOfferAfterReloadTest {
  /** Each entry's YAML by id; an id's phrasings are the only ones with its marker word (take, apply, fee). */
  private static final Map<String, String> ENTRIES = new LinkedHashMap<>();

  static {
    ENTRIES.put("refund-time", """
          - id: refund-time
            questions: ["How long does a refund take?", "refund take"]
            answer: "ANSWER-refund-time"
        """);
    ENTRIES.put("refund-how", """
          - id: refund-how
            questions: ["How do I apply for a refund?", "refund apply"]
            answer: "ANSWER-refund-how"
        """);
    ENTRIES.put("refund-fee", """
          - id: refund-fee
            questions: ["Is there a fee for a refund?", "refund fee"]
            answer: "ANSWER-refund-fee"
        """);
  }

  private static String kbWithout(String deletedId) {
    StringBuilder kb = new StringBuilder("entries:\n");
    ENTRIES.forEach((id, yaml) -> {
      if (!id.equals(deletedId)) {
        kb.append(yaml);
      }
    });
    return kb.toString();
  }

  /** The entry ids of a "did you mean" reply, in the order they were numbered. */
  private static List<String> offeredIds(String offer) {
    return offer.lines().skip(1).map(line -> {
      String lower = line.toLowerCase(java.util.Locale.ROOT);
      return lower.contains("take") ? "refund-time" : lower.contains("apply") ? "refund-how" : "refund-fee";
    }).toList();
  }

  private static BotTester tester(Path kb) throws Exception {
    Files.writeString(kb, kbWithout(null));
    return BotTester.builder()
        .yaml("bot: { account: shopbot }\nfaq: { kb: '" + kb + "', unansweredLog: none, operators: [ops1] }\n")
        .plugin(FaqPlugin.class).plugin(FaqPluginTest.FALLBACK).build();
  }

  /** Offers all three entries to alice, deletes the first one offered and reloads; returns the offered ids. */
  private static List<String> offerThenDeleteTheFirst(BotTester t, Path kb) throws Exception {
    t.user("alice").says("refund");
    String offer = t.nextSent().text();
    assertThat(offer).startsWith("您是不是想问");
    List<String> offered = offeredIds(offer);
    assertThat(offered).containsExactlyInAnyOrder("refund-time", "refund-how", "refund-fee");
    Files.writeString(kb, kbWithout(offered.get(0)));
    t.user("ops1").says("/faq-reload");
    t.shouldReply("FAQ reload: RELOADED");
    return offered;
  }

  @Test
  void theNumberOfADeletedEntrySaysItIsGoneAndAnswersNoOtherEntry(@TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    try (BotTester t = tester(kb)) {
      offerThenDeleteTheFirst(t, kb);

      t.user("alice").says("1");
      t.shouldReply("抱歉，第1项已不再提供，请重新提问。/ Sorry, item 1 is no longer available; please ask your question again.")
          .shouldNotReply();

      t.user("alice").says("2"); // the stale list is used up: a bare number is no question
      t.shouldReply("fallback");
    }
  }

  /** 2 is the number an entry that stays keeps; 3, the last, must not run off the end of a list shortened by one. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void anEntryStillThereKeepsTheNumberItWasOfferedUnder(int number, @TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    try (BotTester t = tester(kb)) {
      List<String> offered = offerThenDeleteTheFirst(t, kb);

      t.user("alice").says(String.valueOf(number));
      t.shouldReply("ANSWER-" + offered.get(number - 1)).shouldNotReply();
    }
  }

  @Test
  void aWordAfterAClarifyingQuestionPicksNothingOnceASiblingIsGone(@TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, FaqPluginClarifyTest.KB);
    String yaml = "bot: { account: bankbot }\n"
        + "faq: { kb: '" + kb + "', unansweredLog: none, mode: hybrid, vectorsInBackground: false, operators: [ops1],"
        + " dataDir: '" + RealModel.dataDir() + "', semanticThresholds: [0.5, 0.08, 0.3] }\n";
    try (BotTester t = BotTester.builder().yaml(yaml).plugin(FaqPlugin.class)
        .plugin(FaqPluginTest.FALLBACK).build()) {
      t.user("alice").says("卡丢了");
      t.shouldReply(s -> assertThat(s.text()).startsWith("请问您是想问").contains("信用卡丢了怎么挂失"));
      Files.writeString(kb, FaqPluginClarifyTest.KB.replaceAll("(?s)  - id: lost-credit.*?\n(?=  - id:)", ""));
      t.user("ops1").says("/faq-reload");
      t.shouldReply("FAQ reload: RELOADED");

      // "信用卡" named the deleted entry; judged against the debit card alone, its 卡 would pick that one.
      t.user("alice").says("信用卡");
      t.shouldReply(s -> assertThat(s.text()).isNotEqualTo("借记卡挂失：App → 卡片 → 挂失。")
          .startsWith("您是不是想问")); // a new question, looked up in the current knowledge base
      t.shouldNotReply();
    }
  }
}
