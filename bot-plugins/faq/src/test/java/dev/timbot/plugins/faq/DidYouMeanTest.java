package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  private static final List<FaqMatch> OFFERED = List.of(
      new FaqMatch(FaqEntry.of("coupon-use", "a", "优惠券怎么用"), "优惠券怎么用", 0.4, 3),
      new FaqMatch(FaqEntry.of("coupon-broken", "b", "优惠券用不了"), "优惠券用不了", 0.38, 2.9));

  @Test
  void formatsANumberedList() {
    assertThat(DidYouMean.format(OFFERED)).endsWith("\n1. 优惠券怎么用\n2. 优惠券用不了");
  }

  @Test
  void readsNumbersInTheFormsUsersType() {
    for (String reply : List.of("2", " ２ ", "2.", "第2个", "第二个", "选2", "二", "#2", "No. 2")) {
      assertThat(DidYouMean.pick(reply, OFFERED)).as(reply).map(FaqMatch::entryId).contains("coupon-broken");
    }
  }

  @Test
  void anythingElseIsANewQuestion() {
    for (String reply : List.of("3", "0", "12", "2 件衣服怎么退", "怎么开发票", "")) {
      assertThat(DidYouMean.pick(reply, OFFERED)).as(reply).isEmpty();
    }
  }

  @Test
  void worksWithEngineSuggestions() {
    try (FaqEngine engine = FaqEngine.build(KnowledgeBase.of(List.of(
        FaqEntry.of("coupon-use", "结算自动用券", "优惠券怎么用"),
        FaqEntry.of("coupon-broken", "检查门槛", "优惠券用不了"))))) {
      FaqResult r = engine.query("优惠券");
      assertThat(r.decision()).isEqualTo(FaqDecision.SUGGEST);
      FaqMatch picked = DidYouMean.pick("1", r.suggestions()).orElseThrow();
      assertThat(picked).isEqualTo(r.suggestions().get(0));
    }
  }
}
