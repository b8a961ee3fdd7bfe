package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.FaqDecision;
import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.FaqMatch;
import dev.timbot.plugins.faq.FaqResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks entries by meaning, optionally fusing in the BM25 ranking, and decides with the calibrated
 * {@link Thresholds} of the query's route.
 *
 * <p>Fusion is reciprocal rank fusion: an entry's fused score is
 * {@code 1/(k + denseRank) + w/(k + bm25Rank)} with k = 10, w = 0.1: enough for BM25 to swap the
 * embeddings' first two, not more. (w = 0.25 was chosen with the e5 English model; with BGE en,
 * 0.1 found more right entries on the leave-one-out probes of all four KBs, by 0–5.5 points, and
 * one fewer of the 407 shop cases.) It only orders candidates; BM25's raw scores,
 * whose scale differs per KB, never reach the decision. The decision looks at the embedding
 * cosine of the fused winner and its lead over the best other entry's cosine, so when BM25
 * promotes an entry the embeddings rank lower, the lead is negative and the bot asks rather than
 * answers. In hybrid mode the thresholds are those calibrated for whether BM25's own best entry is
 * the fused winner ({@link Calibration#fitHybrid}).
 *
 * <p>In hybrid mode (by default, {@link Decision#MODEL}) the {@link Reranker} then orders the first
 * candidates of every lookup and the {@link AnswerModel} decides whether its winner is answered outright,
 * reading the same cosines and calibrated thresholds as signals; what it does not answer is asked about
 * ({@link #ask}) in the reranker's order.
 */
public final class SemanticRanker {
  static final int RRF_K = 10;
  static final double BM25_WEIGHT = 0.1;
  private static final int CANDIDATES = Candidates.DENSE;

  /** A BM25 hit as the ranker needs it: the entry's index in the KB, its raw and its normalised score. */
  public record LexicalHit(int entry, double raw, double normalized) {}

  private SemanticRanker() {}

  /**
   * @param lexical BM25 hits, best first (hybrid mode), or {@code null} for embeddings only
   */
  public static FaqResult rank(String query, String normalized, SemanticIndex index,
      List<LexicalHit> lexical, int maxSuggestions) {
    return rank(query, normalized, index, lexical, maxSuggestions, SemanticIndex.RERANK);
  }

  /** Like {@link #rank(String, String, SemanticIndex, List, int)} with the reranker used as {@code rerank} says. */
  static FaqResult rank(String query, String normalized, SemanticIndex index,
      List<LexicalHit> lexical, int maxSuggestions, SemanticIndex.Rerank rerank) {
    return rank(query, normalized, index, lexical, maxSuggestions, rerank, DECISION);
  }

  /** Like {@link #rank(String, String, SemanticIndex, List, int, SemanticIndex.Rerank)} with the hybrid decision taken as {@code decision} says. */
  static FaqResult rank(String query, String normalized, SemanticIndex index,
      List<LexicalHit> lexical, int maxSuggestions, SemanticIndex.Rerank rerank, Decision decision) {
    boolean hybrid = lexical != null;
    if (lexical == null) {
      lexical = List.of();
    }
    SemanticIndex.Route route = index.routeFor(normalized);
    List<Integer> lexicalEntries = lexical.stream().map(LexicalHit::entry).toList();
    float[] vector = route.embedQuery(normalized);
    VectorIndex.Scores dense = route.index().nearestReusing(vector, CANDIDATES, lexicalEntries);
    float[] cos = dense.score();
    Map<Integer, Double> raw = new HashMap<>();
    for (LexicalHit h : lexical) {
      raw.put(h.entry(), h.raw());
    }
    List<Integer> ranking = Candidates.fused(cos, dense.scored(), lexicalEntries);
    List<FaqMatch> fusedMatches = matches(ranking, dense, raw, index);
    Thresholds t = thresholds(route, hybrid ? lexical : null, ranking);
    FaqResult fused = decide(query, fusedMatches, t, maxSuggestions);
    // The model reads signals relative to calibrated thresholds: thresholds set by hand or the fallback keep the rule.
    boolean model = decision == Decision.MODEL && route.calibrated();
    if (!hybrid || ranking.isEmpty() || rerank == SemanticIndex.Rerank.OFF
        || (rerank == SemanticIndex.Rerank.CLOSE && !model && fused.decision() == FaqDecision.ANSWER)) {
      return fused;
    }
    Reranker reranker = Reranker.DEFAULT;
    double[][] features = index.candidates().features(normalized, vector, route.index(), cos, dense.scored(), ranking,
        reranker.depth(), lexicalEntries, lexical.stream().map(LexicalHit::normalized).toList());
    List<Integer> reordered = reranker.reorder(ranking, features);
    List<FaqMatch> ranked = matches(reordered, dense, raw, index);
    // The reordered candidates' thresholds: those for whether BM25's best entry is the new first.
    Thresholds reorderedT = thresholds(route, lexical, reordered);
    if (!model) {
      return decide(query, ranked, reorderedT, maxSuggestions);
    }
    AnswerModel.Signals signals = signals(reordered.get(0), ranking.get(0), vector, cos, dense.scored(), features,
        reranker, index, route, lexical, t);
    boolean ruleAnswers = fused.decision() == FaqDecision.ANSWER
        && fused.ranked().get(0).entry().equals(ranked.get(0).entry());
    if (AnswerModel.forRoute(route.vectors().mapsQueries()).answers(signals, ruleAnswers)) {
      return new FaqResult(query, FaqDecision.ANSWER, ranked, List.of());
    }
    return ask(query, ranked, reorderedT, maxSuggestions);
  }

  /** How the hybrid decision is taken: {@code -Dtimbot.faq.decision=model|rule}. */
  enum Decision {
    /** The calibrated rule on rank fusion's winner ({@link #decide(String, List, Thresholds, int)}) alone (faq7 and before). */
    RULE,
    /**
     * The {@link AnswerModel} on the reranker's winner, its features relative to the calibrated thresholds (faq8);
     * a route whose thresholds are not fitted on the KB (set by hand, {@code semanticThresholds}, or the fallback
     * of a KB too small to calibrate, {@link SemanticIndex.Route#calibrated}) keeps the rule.
     */
    MODEL
  }

  static final Decision DECISION =
      FaqSwitches.choice("timbot.faq.decision", Decision.MODEL);

  /** The first candidates in {@code ranking}'s order as matches scored by their embedding cosine. */
  static List<FaqMatch> matches(List<Integer> ranking, VectorIndex.Scores dense, Map<Integer, Double> raw,
      SemanticIndex index) {
    float[] cos = dense.score();
    List<FaqMatch> ranked = new ArrayList<>();
    for (int e : ranking.subList(0, Math.min(10, ranking.size()))) {
      FaqEntry entry = index.knowledgeBase().entries().get(e);
      String question = dense.row()[e] >= 0 ? index.rowQuestion(dense.row()[e]) : entry.title();
      ranked.add(new FaqMatch(entry, question, cos[e], raw.getOrDefault(e, 0.0)));
    }
    return ranked;
  }

  /** The route's thresholds; in hybrid mode ({@code lexical} not null) those for whether BM25's best entry is fusion's winner. */
  static Thresholds thresholds(SemanticIndex.Route route, List<LexicalHit> lexical, List<Integer> ranking) {
    if (lexical == null) {
      return route.thresholds();
    }
    boolean agree = !lexical.isEmpty() && !ranking.isEmpty() && lexical.get(0).entry() == ranking.get(0);
    return route.hybrid().of(agree);
  }

  /**
   * What the {@link AnswerModel} reads of {@code winner}, the first of the reranked candidates; {@code fusedFirst} is
   * rank fusion's first.
   */
  static AnswerModel.Signals signals(int winner, int fusedFirst, float[] query, float[] cos, double[][] features,
      Reranker reranker, SemanticIndex index, SemanticIndex.Route route, List<LexicalHit> lexical, Thresholds t) {
    return signals(winner, fusedFirst, query, cos, null, features, reranker, index, route, lexical, t);
  }

  /**
   * Like {@link #signals(int, int, float[], float[], double[][], Reranker, SemanticIndex, SemanticIndex.Route, List, Thresholds)};
   * {@code scored} as {@link VectorIndex.Scores#scored}. {@code query} is the query's vector, for the mapped-cosine
   * lead, which is read only when the answer model in use reads it.
   */
  static AnswerModel.Signals signals(int winner, int fusedFirst, float[] query, float[] cos, int[] scored,
      double[][] features, Reranker reranker, SemanticIndex index, SemanticIndex.Route route, List<LexicalHit> lexical,
      Thresholds t) {
    int runnerUp = runnerUp(cos, scored, winner);
    List<FaqEntry> entries = index.knowledgeBase().entries();
    boolean sibling = runnerUp >= 0 && Siblings.declared(entries.get(winner), entries.get(runnerUp));
    Reranker.Top top = reranker.top(features);
    double lead = runnerUp < 0 ? 1 : cos[winner] - cos[runnerUp];
    return new AnswerModel.Signals(cos[winner], lead, sibling,
        features.length < 2 ? AnswerModel.MAX_WIDE_RERANK_LEAD : top.lead(),
        !lexical.isEmpty() && lexical.get(0).entry() == winner, "english".equals(route.name()), t,
        top.score(), winner == fusedFirst, features[top.index()][RerankFeatures.SECOND_COSINE],
        route.whitened().active() ? route.whitened().lead(query, cos, scored, winner)
            : new WhitenedCosines.Lead(lead));
  }

  /**
   * The entry other than {@code winner} with the best cosine, the first of equals; -1 when there is no other entry.
   * With {@code scored} ({@link VectorIndex.Scores#scored}) only scored entries are read when one of them is above
   * -1: the entries left out all score -1, so the first best is among them.
   */
  static int runnerUp(float[] cos, int[] scored, int winner) {
    if (scored != null) {
      int best = -1;
      for (int e : scored) {
        if (e != winner && (best < 0 || cos[e] > cos[best])) {
          best = e;
        }
      }
      if (best >= 0 && cos[best] > -1) {
        return best;
      }
    }
    int runnerUp = -1;
    for (int e = 0; e < cos.length; e++) {
      if (e != winner && (runnerUp < 0 || cos[e] > cos[runnerUp])) {
        runnerUp = e;
      }
    }
    return runnerUp;
  }

  /** The embedding side of {@code faq-query --explain}: route, thresholds, the entry's cosine and rank. */
  public static String explain(String normalized, SemanticIndex index, String entryId) {
    SemanticIndex.Route route = index.routeFor(normalized);
    VectorIndex.Scores dense = route.index().scores(route.embedQuery(normalized));
    int e = index.knowledgeBase().entries().indexOf(index.knowledgeBase().entry(entryId).orElseThrow());
    int rank = 1;
    for (float s : dense.score()) {
      if (s > dense.score()[e]) {
        rank++;
      }
    }
    String row = dense.row()[e] >= 0 ? index.rowQuestion(dense.row()[e]) : "-";
    return String.format(java.util.Locale.ROOT,
        "semantic: route %s (%s), thresholds %s; hybrid: BM25 agrees %s, else %s (%d calibration probes)%n"
            + "  cosine %.3f, rank %d, closest text: %s%n",
        route.name(), route.embedder().id(), route.thresholds(), route.hybrid().agreed(), route.hybrid().disagreed(),
        route.probes(), dense.score()[e], rank, row);
  }

  /** The decision on ranked candidates whose {@code score} is the embedding cosine. */
  static FaqResult decide(String query, List<FaqMatch> ranked, Thresholds t, int maxSuggestions) {
    if (ranked.isEmpty() || ranked.get(0).score() < t.suggest()) {
      return new FaqResult(query, FaqDecision.NONE, ranked, List.of());
    }
    double best = ranked.get(0).score();
    FaqMatch runnerUp = ranked.stream().skip(1).max(Comparator.comparingDouble(FaqMatch::score)).orElse(null);
    double other = runnerUp == null ? -1 : runnerUp.score();
    boolean sibling = runnerUp != null && Siblings.declared(ranked.get(0).entry(), runnerUp.entry());
    if (t.answers(best, best - other, sibling)) {
      return new FaqResult(query, FaqDecision.ANSWER, ranked, List.of());
    }
    return ask(query, ranked, t, maxSuggestions);
  }

  /** The decision when the first candidate is not answered outright: a clarifying question, a list or "I don't know". */
  static FaqResult ask(String query, List<FaqMatch> ranked, Thresholds t, int maxSuggestions) {
    if (ranked.isEmpty() || ranked.get(0).score() < t.suggest()) {
      return new FaqResult(query, FaqDecision.NONE, ranked, List.of());
    }
    double best = ranked.get(0).score();
    if (best >= t.answer()) {
      FaqMatch runnerUp = ranked.stream().skip(1).max(Comparator.comparingDouble(FaqMatch::score)).orElse(null);
      boolean sibling = runnerUp != null && Siblings.declared(ranked.get(0).entry(), runnerUp.entry());
      // Close candidates (siblings by their own margin), each a confident match: name them and let the customer choose.
      double margin = t.marginFor(sibling);
      List<FaqMatch> close = ranked.stream()
          .filter(m -> m.score() >= best - margin)
          .limit(maxSuggestions)
          .toList();
      if (close.size() >= 2) {
        return new FaqResult(query, FaqDecision.CLARIFY, ranked, close);
      }
    }
    List<FaqMatch> suggestions = ranked.stream()
        .filter(m -> m.score() >= t.suggest())
        .limit(maxSuggestions)
        .toList();
    return new FaqResult(query, FaqDecision.SUGGEST, ranked, suggestions);
  }

  /** The {@code n} best-scoring entries, best first (ties by index): one pass, insertion into a short list. */
  static List<Integer> topEntries(float[] scores, int n) {
    return topEntries(scores, null, n);
  }

  /** Like {@link #topEntries(float[], int)} reading only the entries in {@code scored} ({@link VectorIndex.Scores#scored}; {@code null}: all). */
  static List<Integer> topEntries(float[] scores, int[] scored, int n) {
    int[] top = new int[n];
    int size = 0;
    int count = scored == null ? scores.length : scored.length;
    for (int k = 0; k < count; k++) {
      int i = scored == null ? k : scored[k];
      float s = scores[i];
      if (s <= -1 || (size == n && s <= scores[top[n - 1]])) {
        continue;
      }
      int j = size < n ? size++ : n - 1;
      while (j > 0 && scores[top[j - 1]] < s) {
        top[j] = top[j - 1];
        j--;
      }
      top[j] = i;
    }
    List<Integer> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(top[i]);
    }
    return out;
  }
}
