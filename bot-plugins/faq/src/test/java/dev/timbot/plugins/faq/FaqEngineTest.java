package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaqEngineTest {
  private static final List<FaqEntry> ENTRIES = List.of(
      new FaqEntry("refund-time", List.of("退款多久到账", "How long does a refund take?"),
          List.of(dev.timbot.message.TextElem.of("1-3 个工作日")), List.of("退款到账"), List.of(), 0),
      FaqEntry.of("shipping-time", "2-4 天", "发货后几天能到", "How many days for delivery?"),
      FaqEntry.of("password", "点忘记密码", "忘记密码怎么办", "I forgot my password"),
      FaqEntry.of("invoice", "结算时选发票", "怎么开发票", "How do I get an invoice?"),
      FaqEntry.of("coupon-use", "结算自动用券", "优惠券怎么用", "How do I use a coupon?"),
      FaqEntry.of("coupon-broken", "检查门槛", "优惠券用不了", "My coupon is not working"),
      FaqEntry.of("member", "四个等级", "会员等级有哪些", "What are the membership levels?"));

  private FaqEngine engine = FaqEngine.build(KnowledgeBase.of(ENTRIES));

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void answersAConfidentMatch() {
    FaqResult r = engine.query("忘记密码了怎么办");
    assertThat(r.decision()).isEqualTo(FaqDecision.ANSWER);
    assertThat(r.bestEntryId()).isEqualTo("password");
    assertThat(r.answer()).map(FaqEntry::answerText).contains("点忘记密码");
    assertThat(r.score()).isBetween(0.45, 1.0);
    assertThat(r.suggestions()).isEmpty();
  }

  @Test
  void answersEnglishThroughStemming() {
    // "refunds"/"taking" only match "refund"/"take" after Porter stemming.
    FaqResult r = engine.query("how long are refunds taking");
    assertThat(r.bestEntryId()).isEqualTo("refund-time");
    assertThat(r.decision()).isEqualTo(FaqDecision.ANSWER);
  }

  @Test
  void fixesEnglishTyposWithFuzzyMatching() {
    FaqResult r = engine.query("forgot my pasword");
    assertThat(r.bestEntryId()).isEqualTo("password");
  }

  @Test
  void suggestsWhenTwoEntriesAreEquallyPlausible() {
    FaqResult r = engine.query("优惠券");
    assertThat(r.decision()).isEqualTo(FaqDecision.SUGGEST);
    assertThat(r.suggestions()).extracting(FaqMatch::entryId)
        .containsExactlyInAnyOrder("coupon-use", "coupon-broken");
    assertThat(r.answer()).isEmpty();
  }

  @Test
  void suggestionsAreCappedAtTheConfiguredCount() {
    FaqEngine one = FaqEngine.build(KnowledgeBase.of(ENTRIES), FaqConfig.defaults().withMaxSuggestions(1));
    try (one) {
      assertThat(one.query("优惠券").suggestions()).hasSize(1);
    }
  }

  @Test
  void returnsNoneForUnrelatedQuestions() {
    for (String q : List.of("今天天气怎么样", "tell me a joke", "北京到上海的高铁票多少钱", "   ", "？？？")) {
      FaqResult r = engine.query(q);
      assertThat(r.decision()).as(q).isEqualTo(FaqDecision.NONE);
      assertThat(r.suggestions()).as(q).isEmpty();
    }
  }

  @Test
  void noneStillReportsTheBestCandidateForLoggingAndEvaluation() {
    FaqResult r = engine.query("会员今天天气北京上海高铁火车飞机");
    assertThat(r.decision()).isNotEqualTo(FaqDecision.ANSWER);
    assertThat(r.bestEntryId()).isEqualTo("member");
  }

  @Test
  void thresholdsDecide() {
    String q = "退款要等几天";
    FaqResult defaults = engine.query(q);
    try (FaqEngine strict = FaqEngine.build(KnowledgeBase.of(ENTRIES), new FaqConfig(1.0, 0.15, 0.9, 3));
        FaqEngine lax = FaqEngine.build(KnowledgeBase.of(ENTRIES), new FaqConfig(0.05, 0.0, 0.01, 3))) {
      assertThat(strict.query(q).decision()).isEqualTo(FaqDecision.NONE);
      assertThat(lax.query(q).decision()).isEqualTo(FaqDecision.ANSWER);
      assertThat(lax.query(q).bestEntryId()).isEqualTo(defaults.bestEntryId());
    }
  }

  @Test
  void keywordsMatchAsWholeUnits() {
    // "退款到账" is a keyword of refund-time; the query says it, though in other words around it.
    assertThat(engine.query("我的退款到账了吗").bestEntryId()).isEqualTo("refund-time");
  }

  @Test
  void scoresAreNormalisedBetweenZeroAndOne() {
    for (String q : List.of("退款多久到账", "How long does a refund take?", "会员", "x")) {
      engine.query(q).ranked().forEach(m -> assertThat(m.score()).as(q).isBetween(0.0, 1.0));
    }
    assertThat(engine.query("退款多久到账").score()).as("a stored phrasing is a perfect match").isGreaterThan(0.95);
  }

  @Test
  void rankedHasOneMatchPerEntry() {
    FaqResult r = engine.query("how long refund delivery days");
    assertThat(r.ranked()).extracting(FaqMatch::entryId).doesNotHaveDuplicates();
  }
}
