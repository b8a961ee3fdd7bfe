package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.FaqDecision;
import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.FaqMatch;
import dev.timbot.plugins.faq.FaqResult;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticRankerTest {
  private static final Thresholds T = new Thresholds(0.8, 0.05, 0.5);

  private static FaqMatch m(String id, double cos) {
    return new FaqMatch(FaqEntry.of(id, "answer " + id, "question " + id), "question " + id, cos, 0);
  }

  @Test
  void decisionAnswersAClearWinner() {
    FaqResult r = SemanticRanker.decide("q", List.of(m("a", 0.9), m("b", 0.8)), T, 3);
    assertThat(r.decision()).isEqualTo(FaqDecision.ANSWER);
    assertThat(r.bestEntryId()).isEqualTo("a");
  }

  @Test
  void closeConfidentSiblingsGetAClarifyingQuestionNamingThem() {
    FaqResult r = SemanticRanker.decide("q", List.of(m("a", 0.90), m("b", 0.87), m("c", 0.6)), T, 3);
    assertThat(r.decision()).isEqualTo(FaqDecision.CLARIFY);
    assertThat(r.suggestions()).extracting(FaqMatch::entryId).containsExactly("a", "b");
  }

  @Test
  void aFusedWinnerThatTheEmbeddingsRankLowerIsNeverAnswered() {
    // BM25 lifted "a" above "b", whose cosine is higher: the lead is negative.
    FaqResult r = SemanticRanker.decide("q", List.of(m("a", 0.85), m("b", 0.88)), T, 3);
    assertThat(r.decision()).isEqualTo(FaqDecision.CLARIFY);
    assertThat(r.suggestions()).extracting(FaqMatch::entryId).containsExactly("a", "b");
  }

  @Test
  void belowTheAnswerThresholdSuggestsAndBelowTheSuggestThresholdGivesUp() {
    assertThat(SemanticRanker.decide("q", List.of(m("a", 0.7), m("b", 0.55), m("c", 0.4)), T, 3))
        .satisfies(r -> {
          assertThat(r.decision()).isEqualTo(FaqDecision.SUGGEST);
          assertThat(r.suggestions()).extracting(FaqMatch::entryId).containsExactly("a", "b");
        });
    assertThat(SemanticRanker.decide("q", List.of(m("a", 0.45)), T, 3).decision()).isEqualTo(FaqDecision.NONE);
  }

  @Test
  void topEntriesIsAStablePartialSort() {
    float[] s = {0.1f, 0.9f, -1f, 0.5f, 0.9f, 0.7f};
    assertThat(SemanticRanker.topEntries(s, 3)).containsExactly(1, 4, 5);
    assertThat(SemanticRanker.topEntries(s, 10)).containsExactly(1, 4, 5, 3, 0);
  }

  @Test
  void rankFusionLetsBm25ReorderCloseEmbeddingCandidates() {
    SemanticIndex index = cardIndex();
    KnowledgeBase kb = index.knowledgeBase();
    String query = "银行卡怎么办";

    FaqResult dense = SemanticRanker.rank(query, query, index, null, 3);
    String denseSecond = dense.ranked().get(1).entryId();
    int second = kb.entries().indexOf(kb.entry(denseSecond).orElseThrow());
    // Fusion alone (the reranker, which may reorder what is not answered, is RerankerTest's).
    FaqResult fused = SemanticRanker.rank(query, query, index, List.of(new SemanticRanker.LexicalHit(second, 7.0, 0.5)), 3,
        SemanticIndex.Rerank.OFF);

    assertThat(fused.bestEntryId()).isEqualTo(denseSecond);
    assertThat(fused.ranked().get(0).rawScore()).isEqualTo(7.0);
    // The decision still reads the cosine: the entry BM25 promoted keeps its own embedding score.
    assertThat(fused.ranked().get(0).score()).isEqualTo(dense.ranked().get(1).score());
  }

  @Test
  void inHybridModeAgreementWithBm25SelectsTheAgreedThresholds() {
    SemanticIndex built = cardIndex();
    KnowledgeBase kb = built.knowledgeBase();
    SemanticIndex.Route r = built.chinese();
    // Answer anything when BM25 agrees, nothing otherwise.
    Thresholds always = new Thresholds(-1, 0, -1);
    Thresholds never = new Thresholds(2, 1, 2);
    SemanticIndex index = built.withRoutes(new SemanticIndex.Route(r.name(), r.vectors(), r.index(), never,
        new Calibration.Hybrid(always, never), r.probes()), null);
    String query = "银行卡丢了";
    FaqResult dense = SemanticRanker.rank(query, query, index, null, 3);
    int winner = kb.entries().indexOf(kb.entry(dense.bestEntryId()).orElseThrow());
    // The embeddings' last: a BM25 hit there is too weak to move it to the top.
    int other = kb.entries().indexOf(kb.entry(dense.ranked().get(2).entryId()).orElseThrow());

    assertThat(SemanticRanker.rank(query, query, index, null, 3).decision()).isEqualTo(FaqDecision.NONE);
    assertThat(SemanticRanker.rank(query, query, index, List.of(new SemanticRanker.LexicalHit(winner, 3.0, 0.5)), 3).decision())
        .isEqualTo(FaqDecision.ANSWER);
    assertThat(SemanticRanker.rank(query, query, index, List.of(new SemanticRanker.LexicalHit(other, 0.1, 0.1)), 3).decision())
        .isEqualTo(FaqDecision.NONE);
  }

  /** Three bank-card and deposit entries on the fake embedder. */
  private static SemanticIndex cardIndex() {
    KnowledgeBase kb = KnowledgeBase.of(List.of(
        FaqEntry.of("lost", "a", "银行卡丢了怎么挂失"),
        FaqEntry.of("replace", "b", "银行卡坏了怎么补办"),
        FaqEntry.of("rate", "c", "定期存款利率是多少")));
    return SemanticIndex.build(kb, new EmbeddingCaches(EmbeddingCache.inMemory(new FakeEmbedder("fake")), null),
        T, 0.05, SemanticIndex.Progress.NONE);
  }

  /** Reranker features with the best and second-best phrasing's cosines set, the rest 0. */
  private static double[] features(double best, double second) {
    return new double[] {best, second, 0, 0, 0, 0, 0, 0, 0};
  }

  @Test
  void theSecondCosineSignalIsTheRerankedWinnersNotFusionsFirst() {
    SemanticIndex index = cardIndex();
    Reranker r = new Reranker(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0}, 5);
    // Fusion's order 0, 1, 2; the reranker prefers candidate 1 (entry 1), whose second phrasing is at 0.61.
    double[][] features = {features(0.5, 0.33), features(0.9, 0.61), features(0.2, 0.1)};
    List<Integer> ranking = List.of(0, 1, 2);
    int winner = r.reorder(ranking, features).get(0);
    AnswerModel.Signals s = SemanticRanker.signals(winner, 0, null, new float[] {0.7f, 0.69f, 0.3f}, features, r, index,
        index.chinese(), List.of(), T);
    assertThat(winner).isEqualTo(1);
    assertThat(s.secondCosine()).isEqualTo(0.61);
  }
}
