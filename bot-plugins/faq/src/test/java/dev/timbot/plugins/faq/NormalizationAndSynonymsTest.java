package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationAndSynonymsTest {
  private static final List<FaqEntry> ENTRIES = List.of(
      FaqEntry.of("order-status", "看物流", "我的订单到哪了", "Where is my order?"),
      FaqEntry.of("refund-time", "1-3 天", "退款多久到账"),
      FaqEntry.of("vip", "四个等级", "会员等级有哪些"),
      FaqEntry.of("invoice", "结算时选发票", "怎么开发票"));

  @Test
  void foldsTraditionalFullWidthAndCase() {
    assertThat(TextNormalizer.normalize("訂單運費退貨會員帳號")).isEqualTo("订单运费退货会员账号");
    assertThat(TextNormalizer.normalize("ＶＩＰ　会员？ＡＢＣ１２３")).isEqualTo("vip 会员?abc123");
    assertThat(TextNormalizer.normalize("Where IS my Order")).isEqualTo("where is my order");
    assertThat(TextNormalizer.normalize("退款")).as("simplified text unchanged").isEqualTo("退款");
  }

  @Test
  void traditionalQueryFindsSimplifiedEntry() {
    try (FaqEngine engine = FaqEngine.build(KnowledgeBase.of(ENTRIES))) {
      FaqResult r = engine.query("我的訂單到哪了");
      assertThat(r.decision()).isEqualTo(FaqDecision.ANSWER);
      assertThat(r.bestEntryId()).isEqualTo("order-status");
      assertThat(engine.query("退款多久到賬").bestEntryId()).isEqualTo("refund-time");
    }
  }

  @Test
  void fullWidthQueryFindsEntry() {
    try (FaqEngine engine = FaqEngine.build(KnowledgeBase.of(ENTRIES))) {
      FaqResult r = engine.query("ＷＨＥＲＥ ｉｓ ｍｙ ｏｒｄｅｒ？");
      assertThat(r.decision()).isEqualTo(FaqDecision.ANSWER);
      assertThat(r.bestEntryId()).isEqualTo("order-status");
    }
  }

  @Test
  void synonymsExpandQueries() {
    String query = "退钱要几天到账";
    try (FaqEngine without = FaqEngine.build(KnowledgeBase.of(ENTRIES));
        FaqEngine with = FaqEngine.build(KnowledgeBase.of(ENTRIES, List.of("退款, 退钱", "多久, 几天")))) {
      assertThat(without.query(query).decision()).isNotEqualTo(FaqDecision.ANSWER);
      FaqResult r = with.query(query);
      assertThat(r.score()).isGreaterThan(without.query(query).score());
      assertThat(r.bestEntryId()).isEqualTo("refund-time");
      assertThat(r.decision()).isEqualTo(FaqDecision.ANSWER);
    }
  }

  @Test
  void synonymsWorkAcrossLanguagesAndInTraditional() {
    try (FaqEngine engine = FaqEngine.build(KnowledgeBase.of(ENTRIES, List.of("会员, vip, membership", "發票, invoice")))) {
      assertThat(engine.query("vip 等级").bestEntryId()).isEqualTo("vip");
      assertThat(engine.query("how to get an invoice 开").bestEntryId()).isEqualTo("invoice");
    }
  }

  @Test
  void oneWaySynonymRules() {
    try (FaqEngine without = FaqEngine.build(KnowledgeBase.of(ENTRIES));
        FaqEngine with = FaqEngine.build(KnowledgeBase.of(ENTRIES, List.of("parcel => 订单")))) {
      assertThat(without.query("parcel").ranked()).isEmpty();
      assertThat(with.query("parcel").bestEntryId()).isEqualTo("order-status");
    }
  }
}
