package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.timbot.plugins.faq.FaqDecision;
import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.FaqMatch;
import dev.timbot.plugins.faq.FaqResult;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankerTest {
  private static final Thresholds T = new Thresholds(0.8, 0.05, 0.5);

  @Test
  void reordersOnlyTheFirstDepthCandidatesBestScoreFirstAndKeepsTiesInOrder() {
    Reranker r = new Reranker(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0}, 3);
    double[][] features = {f(0.2), f(0.9), f(0.2)};
    assertThat(r.reorder(List.of(7, 8, 9, 10), features)).containsExactly(8, 7, 9, 10);
    assertThat(r.best(features)).isEqualTo(1);
    assertThatThrownBy(() -> new Reranker(new double[] {1}, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void featuresReadEveryRowOfTheCandidateAndBothRankings() {
    double[] f = RerankFeatures.of(new float[] {0.9f, 0.5f, 0.4f}, 0.7f, 2, 0, 0.6, 0.25, 0.8, 0.5);
    assertThat(f).containsExactly(new double[] {0.9, 0.5, 0.6, 0.7, 0.6, 1.0, 1.0 / 3, 0.4, 0.5}, within(1e-6));
    double[] unseen = RerankFeatures.of(new float[] {0.3f}, -1, 0, -1, 0, 0, 0, 0);
    // One row only: second and mean repeat the best; BM25 did not find it.
    assertThat(unseen[1]).isEqualTo(unseen[0]);
    assertThat(unseen[3]).isEqualTo(unseen[0]);
    assertThat(unseen[5]).isZero();
    assertThat(RerankFeatures.overlap(RerankFeatures.bigrams("银行卡丢了"), RerankFeatures.bigrams("银行卡丢失")))
        .isEqualTo(2.0 * 3 / 8);
    assertThat(RerankFeatures.coverage(RerankFeatures.bigrams("卡丢了"), RerankFeatures.bigrams("银行卡丢了请挂失")))
        .isEqualTo(1.0);
  }

  @Test
  void keywordCoverageCountsTheCharactersOfKeywordsTypedWhole() {
    assertThat(RerankFeatures.keywordCoverage("报销", List.of("报销", "理赔", "claim"))).isEqualTo(1.0);
    assertThat(RerankFeatures.keywordCoverage("我想claim住院的钱", List.of("报销", "claim", "住院")))
        .isEqualTo(7.0 / 11);
    // A keyword only partly typed, or none at all, covers nothing (and an empty query divides by one).
    assertThat(RerankFeatures.keywordCoverage("报", List.of("报销"))).isZero();
    assertThat(RerankFeatures.keywordCoverage("", List.of("", "报销"))).isZero();
  }

  @Test
  void theFaq7RerankerIgnoresKeywordCoverageSoTheOldSwitchRanksAsBefore() {
    double[] f = RerankFeatures.of(new float[] {0.9f, 0.5f}, 0.7f, 0, 0, 0.6, 0.25, 0.8, 0.0);
    double[] g = f.clone();
    g[RerankFeatures.COUNT - 1] = 1.0;
    assertThat(Reranker.FAQ7.score(g)).isEqualTo(Reranker.FAQ7.score(f));
    assertThat(Reranker.FAQ10.score(g)).isGreaterThan(Reranker.FAQ10.score(f));
  }

  /**
   * "one": a single phrasing equal to the query among unrelated ones; "many": every phrasing and its
   * answer near the query. Fusion (by best cosine) puts "one" first, the default reranker "many".
   */
  @Test
  void inCloseModeTheRerankerOrdersOnlyWhatIsNotAnsweredOutright() {
    SemanticIndex built = oneAndMany();
    String query = ONE_AND_MANY_QUERY;
    SemanticIndex answersAll = with(built, new Thresholds(-1, 0, -1));
    SemanticIndex answersNone = with(built, new Thresholds(2, 1, 2));
    List<SemanticRanker.LexicalHit> none = List.of();

    // The calibrated rule alone decides here (faq7); the answer model's decision is AnswerModelTest's.
    SemanticRanker.Decision rule = SemanticRanker.Decision.RULE;
    FaqResult fused = SemanticRanker.rank(query, query, answersAll, none, 3, SemanticIndex.Rerank.OFF, rule);
    assertThat(fused.bestEntryId()).isEqualTo("one");
    assertThat(fused.decision()).isEqualTo(FaqDecision.ANSWER);
    // Answered outright by fusion: close mode leaves it alone.
    assertThat(SemanticRanker.rank(query, query, answersAll, none, 3, SemanticIndex.Rerank.CLOSE, rule).decision())
        .isEqualTo(FaqDecision.ANSWER);
    // Always reranking demotes it: the lifted entry has the lower cosine, so the bot asks instead.
    FaqResult all = SemanticRanker.rank(query, query, answersAll, none, 3, SemanticIndex.Rerank.ALL, rule);
    assertThat(all.bestEntryId()).isEqualTo("many");
    assertThat(all.decision()).isEqualTo(FaqDecision.CLARIFY);
    assertThat(all.suggestions()).extracting(FaqMatch::entryId).containsExactly("many", "one");
    // Not answered: close mode reranks.
    assertThat(SemanticRanker.rank(query, query, answersNone, none, 3, SemanticIndex.Rerank.OFF, rule).bestEntryId()).isEqualTo("one");
    assertThat(SemanticRanker.rank(query, query, answersNone, none, 3, SemanticIndex.Rerank.CLOSE, rule).bestEntryId()).isEqualTo("many");
    // Semantic mode (no BM25 hits at all) is never reranked.
    assertThat(SemanticRanker.rank(query, query, answersNone, null, 3, SemanticIndex.Rerank.ALL, rule).bestEntryId()).isEqualTo("one");
  }

  static final String ONE_AND_MANY_QUERY = "银行卡丢了怎么";

  /** The knowledge base above: fusion puts "one" first for {@link #ONE_AND_MANY_QUERY}, the default reranker "many". */
  static SemanticIndex oneAndMany() {
    return oneAndMany(T);
  }

  /** The same knowledge base with thresholds {@code override}, or calibrated ({@code null}). */
  static SemanticIndex oneAndMany(Thresholds override) {
    KnowledgeBase kb = KnowledgeBase.of(List.of(
        FaqEntry.of("one", "晴", "天气预报", "股票行情", "银行卡丢了怎么"),
        FaqEntry.of("many", "银行卡丢了请挂失", "银行卡丢失怎么办", "银行卡丢了挂失", "卡丢了怎么办")));
    return SemanticIndex.build(kb, new EmbeddingCaches(EmbeddingCache.inMemory(new FakeEmbedder("fake")), null),
        override, 0.05, SemanticIndex.Progress.NONE);
  }

  static SemanticIndex with(SemanticIndex built, Thresholds t) {
    return with(built, t, built.chinese().probes());
  }

  /** {@code built} with thresholds {@code t} on its Chinese route, as if fitted on {@code probes} probes (0: set by hand). */
  static SemanticIndex with(SemanticIndex built, Thresholds t, int probes) {
    SemanticIndex.Route r = built.chinese();
    return built.withRoutes(new SemanticIndex.Route(r.name(), r.vectors(), r.index(), t, Calibration.Hybrid.both(t), probes), null);
  }

  private static double[] f(double best) {
    return new double[] {best, 0, 0, 0, 0, 0, 0, 0, 0};
  }
}
