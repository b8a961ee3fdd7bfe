package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Other trades' customer questions as out-of-scope probes ({@link ServiceQuestions}, {@link Calibration#serviceNegative}). */
class ServiceNegativesTest {
  private static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);

  /**
   * Positives right at cosine 0.72 with a clear lead; in-domain and generic negatives far below.
   * {@code service} other-trade questions score 0.72 with the same lead.
   */
  private static Calibration kb(int service) {
    Calibration c = new Calibration();
    for (int i = 0; i < 40; i++) {
      c.positive(new float[] {0.72f, 0.55f, 0.1f}, 0);
      c.inDomainNegative(new float[] {0.1f, 0.1f, 0.5f});
      c.genericNegative(new float[] {0.1f, 0.4f, 0.1f});
    }
    for (int i = 0; i < service; i++) {
      c.serviceNegative(new float[] {0.72f, 0.55f, 0.1f}, 0);
    }
    return c;
  }

  @Test
  void otherTradesQuestionsThatLookLikeTheKbsOwnStopTheFitFromAnsweringThem() {
    assertThat(kb(0).fit(0.05, FALLBACK).answers(0.72, 0.17)).as("without service negatives").isTrue();
    assertThat(kb(40).fit(0.05, FALLBACK).answers(0.72, 0.17)).isFalse();
    assertThat(kb(40).probes()).isEqualTo(kb(0).probes() + 40);
  }

  @Test
  void serviceNegativesThatScoreLowChangeNothing() {
    Calibration c = kb(0);
    for (int i = 0; i < 40; i++) {
      c.serviceNegative(new float[] {0.3f, 0.2f, 0.1f}, -1);
    }
    assertThat(c.fit(0.05, FALLBACK).answers(0.72, 0.17)).isTrue();
  }

  private static final List<ServiceQuestions.Line> LINES = List.of(
      new ServiceQuestions.Line("bank", "lost card"), new ServiceQuestions.Line("bank", "wire fee"),
      new ServiceQuestions.Line("shop", "where is my order"), new ServiceQuestions.Line("shop", "refund"),
      new ServiceQuestions.Line("post", "track parcel"), new ServiceQuestions.Line("post", "ship abroad"),
      new ServiceQuestions.Line("air", "baggage"), new ServiceQuestions.Line("air", "seat"));

  @Test
  void aKbsOwnTradesAreTheTopTradeAndThoseCloseToItAndTheirLinesAreNoNegatives() {
    double[] shopKb = {0.60, 0.62, 0.92, 0.90, 0.92, 0.70, 0.55, 0.57};
    assertThat(ServiceQuestions.ownTrades(LINES, shopKb)).containsExactly("shop");
    // "track parcel" scores above the shop's own lines' mean (0.91): answerable, so no negative.
    assertThat(ServiceQuestions.outOfScope(LINES, shopKb))
        .containsExactly(true, true, false, false, false, true, true, true);

    double[] twoTrades = {0.60, 0.62, 0.92, 0.90, 0.90, 0.88, 0.55, 0.57};
    assertThat(ServiceQuestions.ownTrades(LINES, twoTrades)).containsExactly("post", "shop");
  }

  @Test
  void theCorpusParsesByTradeLeavesTradesOutOnRequestAndRejectsLinesWithoutATrade() {
    List<ServiceQuestions.Line> parsed = ServiceQuestions.parse(
        List.of("# comment", "## bank", "信用卡額度", "", "## post", "Track my PARCEL"), Set.of());
    assertThat(parsed).extracting(ServiceQuestions.Line::trade).containsExactly("bank", "post");
    assertThat(parsed.get(0).text()).as("normalised like queries (traditional to simplified)").isEqualTo("信用卡额度");
    assertThat(ServiceQuestions.parse(List.of("## bank", "a", "## post", "b"), Set.of("bank")))
        .extracting(ServiceQuestions.Line::trade).containsExactly("post");
    assertThatThrownBy(() -> ServiceQuestions.parse(List.of("orphan"), Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("orphan");
  }

  @Test
  void theShippedCorpusIsBilingualAndCoversManyTrades() {
    List<ServiceQuestions.Line> all = ServiceQuestions.load(Set.of());
    assertThat(all).hasSizeGreaterThan(300);
    assertThat(all.stream().map(ServiceQuestions.Line::trade).distinct().count()).isGreaterThanOrEqualTo(15);
    long chinese = all.stream().filter(l -> SemanticIndex.hasCjk(l.text())).count();
    assertThat(chinese).isBetween(100L, all.size() - 100L);
    assertThat(ServiceQuestions.load(Set.of("healthcare"))).hasSizeLessThan(all.size());
  }
}
