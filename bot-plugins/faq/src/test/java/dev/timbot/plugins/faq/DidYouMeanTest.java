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

  private static final List<FaqMatch> CARDS = List.of(
      new FaqMatch(new FaqEntry("lost-debit", List.of("借记卡丢了怎么挂失", "I lost my debit card"),
          List.of(dev.timbot.message.TextElem.of("a")), List.of(), List.of(), 0), "借记卡丢了怎么挂失", 0.9, 0),
      new FaqMatch(new FaqEntry("lost-credit", List.of("信用卡丢了怎么挂失", "I lost my credit card"),
          List.of(dev.timbot.message.TextElem.of("b")), List.of(), List.of(), 0), "信用卡丢了怎么挂失", 0.89, 0));

  @Test
  void clarifyNamesTheCandidatesInBothLanguages() {
    assertThat(DidYouMean.clarify(CARDS)).isEqualTo(
        "请问您是想问1. 借记卡丢了怎么挂失，还是2. 信用卡丢了怎么挂失？（回复数字或关键词）\n"
            + "Do you mean 1. 借记卡丢了怎么挂失, or 2. 信用卡丢了怎么挂失? (reply with the number or a word)");
  }

  @Test
  void aWordOfTheReplyPicksTheSiblingItNames() {
    for (String reply : List.of("信用卡", "信用卡的", "信用", "credit", "the credit one", "信用卡。", "信用卡!")) {
      assertThat(DidYouMean.pickByWord(reply, CARDS)).as(reply).map(FaqMatch::entryId).contains("lost-credit");
    }
    assertThat(DidYouMean.pickByWord("借記卡", CARDS)).map(FaqMatch::entryId).contains("lost-debit");
  }

  @Test
  void aWordNamingBothOrNeitherOrALongReplyPicksNothing() {
    for (String reply : List.of("挂失", "卡", "lost card", "怎么开发票", "", "我想问一下信用卡的年费是多少钱能不能免掉")) {
      assertThat(DidYouMean.pickByWord(reply, CARDS)).as(reply).isEmpty();
    }
  }
}
