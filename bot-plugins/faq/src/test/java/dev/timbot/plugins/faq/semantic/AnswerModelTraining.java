package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.EvalCase;
import dev.timbot.plugins.faq.FaqDecision;
import dev.timbot.plugins.faq.FaqResult;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.FaqIndex;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fits {@link AnswerModel#DEFAULT}'s weights (a tool, not a test; faq8). Every question of the case
 * files given, in scope or not, is looked up as a hybrid lookup does; the winner is the reranker's,
 * with the reranker itself refitted without the question's knowledge base ({@link RerankerTraining}),
 * so the reranker's lead is as confident as on an unseen KB. Then a logistic regression of "the winner
 * is the right entry" (out-of-scope questions: never) on {@link AnswerModel.Signals#features} (standardised,
 * L2 1.0, no penalty on the intercept, Newton's method), over the lookups whose winner reaches the
 * suggest bar. Prints, per case file, the right and false direct answers of the calibrated rule and
 * of the model fitted without that file's knowledge base (the honest estimate), scored both on the rows it
 * is fitted on and on the rows of the shipped reranker refitted without the KB ({@link #shippedRerankersWithout},
 * faq20: the scale a deployed lookup sees, on which {@code answer} and {@code keep} are chosen), then the
 * weights fitted on everything.
 *
 * <pre>
 * java -cp bot-plugins/faq/target/test-classes:bot-plugins/faq/target/faq-cli.jar \
 *   dev.timbot.plugins.faq.semantic.AnswerModelTraining DATA_DIR ANSWER KEEP KB1 CASES1 [KB2 CASES2 ...]
 * </pre>
 *
 * <p>Query vectors come from {@code Route.embedQuery}, so since session 40 the Chinese route's are mapped by the
 * {@link QueryAdapter}, as lookups' are; {@code -Dtimbot.faq.queryAdapter=off} fits on unmapped ones, as every fit
 * before session 40 was.
 */
public final class AnswerModelTraining {
  private static final double L2 = 1.0;

  /** One lookup: what the decision sees, for whichever reranker picks the winner. */
  record Lookup(String cases, String kb, SemanticIndex index, SemanticIndex.Route route,
      List<SemanticRanker.LexicalHit> lexical, List<Integer> ranking, float[] cos, double[][] features,
      Thresholds t, int ruleAnswer, int expected, String query, float[] vector, int[] scored) {
    RerankerTraining.Question question() {
      return new RerankerTraining.Question(features, ranking.subList(0, features.length).indexOf(expected));
    }
  }

  /** A lookup's winner under one reranker, its signals and whether it is right. */
  record Row(Lookup lookup, int winner, AnswerModel.Signals signals, boolean right, boolean ruleAnswers, boolean eligible) {
    double[] x() {
      return java.util.Arrays.copyOf(signals.features(), FITTED);
    }
  }

  /**
   * The signals a fit reads: all of them when the model in use reads the mapped-cosine lead (so the routes have their
   * maps, FAQ38), else those of before FAQ38 — without a map the last two only repeat the raw lead.
   */
  static final int FITTED = AnswerModel.DEFAULT.readsWhitening() ? AnswerModel.FEATURES : AnswerModel.FEATURES_BEFORE_FAQ38;

  private AnswerModelTraining() {}

  /** The case files {@link Reranker#FAQ10} was fitted on (faq10): the shipped reranker has seen these KBs only. */
  static final Set<String> FAQ10_CASE_FILES = Set.of("shop-cases.tsv", "shop-cases-holdout.tsv", "telecom-cases.tsv",
      "bank-cases.tsv", "airline-cases.tsv", "clinic-cases.tsv", "parcel-cases.tsv", "campus-cases.tsv",
      "utility-cases.tsv", "insurance-cases.tsv", "gym-cases.tsv");

  /**
   * Per KB, the shipped reranker as it would be had it not seen the KB (faq20): {@link Reranker#DEFAULT} itself for a
   * KB outside {@link #FAQ10_CASE_FILES}, else refitted on those case files without the KB. Unlike
   * {@link #rerankersWithout}, whose rerankers are fitted on every other KB given and so score on another scale (their
   * winners' scores sat about 4 higher than the shipped reranker's over the twenty-two case files of faq20), these rows
   * read the reranker's signals on the scale a deployed lookup gives: an answer bar chosen on the other rows is stricter
   * on the jar than it was meant to be (FAQ15's was). Given all of those case files the tool refits FAQ10 exactly.
   */
  static Map<String, Reranker> shippedRerankersWithout(List<Lookup> all) {
    Map<String, Reranker> without = new HashMap<>();
    for (Lookup l : all) {
      without.computeIfAbsent(l.kb(), kb -> all.stream().noneMatch(o -> o.kb().equals(kb) && seenByFaq10(o))
          ? Reranker.DEFAULT
          : RerankerTraining.train(all.stream()
              .filter(o -> !o.kb().equals(kb) && o.expected() >= 0 && seenByFaq10(o)).map(Lookup::question).toList()));
    }
    return without;
  }

  static boolean seenByFaq10(Lookup l) {
    return FAQ10_CASE_FILES.contains(Path.of(l.cases()).getFileName().toString());
  }

  /** Per KB, the reranker fitted on the in-scope lookups of every other KB (so no KB is scored by a fit it was in). */
  static Map<String, Reranker> rerankersWithout(List<Lookup> all) {
    Map<String, Reranker> without = new HashMap<>();
    for (Lookup l : all) {
      without.computeIfAbsent(l.kb(), kb -> RerankerTraining.train(all.stream()
          .filter(o -> !o.kb().equals(kb) && o.expected() >= 0).map(Lookup::question).toList()));
    }
    return without;
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    double answer = Double.parseDouble(args[1]);
    double keep = Double.parseDouble(args[2]);
    Map<String, List<Lookup>> byCases = new LinkedHashMap<>();
    for (int i = 3; i + 1 < args.length; i += 2) {
      byCases.put(args[i + 1], lookups(data, Path.of(args[i]), Path.of(args[i + 1])));
    }
    List<Lookup> all = byCases.values().stream().flatMap(List::stream).toList();
    Map<String, Reranker> rerankerWithout = rerankersWithout(all);
    Map<String, Reranker> shippedWithout = shippedRerankersWithout(all);
    List<Row> rows = all.stream().map(l -> row(l, rerankerWithout.get(l.kb()))).toList();
    List<Row> shippedRows = all.stream().map(l -> row(l, shippedWithout.get(l.kb()))).toList();
    double[] scale = scales(rows.stream().filter(Row::eligible).toList());
    int[][] totals = new int[3][2];
    for (var set : byCases.entrySet()) {
      String kb = set.getValue().get(0).kb();
      AnswerModel m = fit(rows.stream().filter(r -> r.eligible() && !r.lookup().kb().equals(kb)).toList(), scale,
          answer, keep);
      int[] rule = new int[2];
      int inScope = 0;
      for (Row r : rows) {
        if (r.lookup().cases().equals(set.getKey())) {
          inScope += r.lookup().expected() >= 0 ? 1 : 0;
          if (r.lookup().ruleAnswer() >= 0) {
            rule[r.lookup().ruleAnswer() == r.lookup().expected() ? 0 : 1]++;
          }
        }
      }
      int[] model = answered(m, rows, set.getKey());
      int[] shipped = answered(m, shippedRows, set.getKey());
      int n = set.getValue().size();
      System.out.printf(Locale.ROOT, "%-24s in scope %3d of %3d  rule direct %5.1f%% false %4.1f%%  model (KB left out) direct %5.1f%% false %4.1f%%  (%+d right, %+d false)  on the shipped reranker without the KB: direct %5.1f%% false %4.1f%% (%d right, %d false)%n",
          Path.of(set.getKey()).getFileName(), inScope, n, 100.0 * rule[0] / inScope, 100.0 * rule[1] / n,
          100.0 * model[0] / inScope, 100.0 * model[1] / n, model[0] - rule[0], model[1] - rule[1],
          100.0 * shipped[0] / inScope, 100.0 * shipped[1] / n, shipped[0], shipped[1]);
      for (int i = 0; i < 2; i++) {
        totals[0][i] += rule[i];
        totals[1][i] += model[i];
        totals[2][i] += shipped[i];
      }
    }
    System.out.printf(Locale.ROOT, "total: rule %d right %d false; model %d right %d false; on the shipped reranker %d right %d false%n",
        totals[0][0], totals[0][1], totals[1][0], totals[1][1], totals[2][0], totals[2][1]);
    System.out.println("fitted on all: " + fit(rows.stream().filter(Row::eligible).toList(), scale, answer, keep));
  }

  /** Right and false direct answers of {@code m} on the rows of one case file. */
  private static int[] answered(AnswerModel m, List<Row> rows, String cases) {
    int[] out = new int[2];
    for (Row r : rows) {
      if (r.lookup().cases().equals(cases) && r.eligible() && m.answers(r.signals(), r.ruleAnswers())) {
        out[r.right() ? 0 : 1]++;
      }
    }
    return out;
  }

  /** Every question of one case file as a hybrid lookup sees it. */
  static List<Lookup> lookups(Path data, Path kbFile, Path casesFile) throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(kbFile).orThrow();
    SemanticIndex index = RerankerTraining.index(data, kb);
    List<Lookup> out = new ArrayList<>();
    try (FaqIndex bm25 = new FaqIndex(kb)) {
      for (EvalCase c : EvalCase.readTsv(casesFile)) {
        String normalized = TextNormalizer.normalize(c.query()).strip();
        List<SemanticRanker.LexicalHit> lexical = lexicalHits(bm25, normalized);
        List<Integer> entries = lexical.stream().map(SemanticRanker.LexicalHit::entry).toList();
        SemanticIndex.Route route = index.routeFor(normalized);
        float[] vector = route.embedQuery(normalized);
        VectorIndex.Scores dense = route.index().nearest(vector, Candidates.DENSE, entries);
        List<Integer> ranking = Candidates.fused(dense.score(), entries);
        if (ranking.isEmpty()) {
          continue;
        }
        double[][] features = index.candidates().features(normalized, vector, route.index(), dense.score(), ranking,
            Reranker.DEFAULT.depth(), entries, lexical.stream().map(SemanticRanker.LexicalHit::normalized).toList());
        Thresholds t = SemanticRanker.thresholds(route, lexical, ranking);
        FaqResult rule = SemanticRanker.decide(c.query(), SemanticRanker.matches(ranking, dense, Map.of(), index), t, 3);
        int ruleAnswer = rule.decision() == FaqDecision.ANSWER ? ranking.get(0) : -1;
        int expected = c.inScope() ? kb.entries().indexOf(kb.entry(c.expectedId()).orElseThrow()) : -1;
        out.add(new Lookup(casesFile.toString(), kbFile.toString(), index, route, lexical, ranking, dense.score(),
            features, t, ruleAnswer, expected, c.query(), vector, dense.scored()));
      }
    }
    return out;
  }

  /** BM25's first ten hits for a normalised query, as a hybrid lookup passes them to {@link SemanticRanker}. */
  static List<SemanticRanker.LexicalHit> lexicalHits(FaqIndex bm25, String normalized) {
    return bm25.search(normalized, 10).stream()
        .map(h -> new SemanticRanker.LexicalHit(h.entry(), h.raw(), h.normalized())).toList();
  }

  static Row row(Lookup l, Reranker reranker) {
    int winner = l.ranking().get(reranker.best(l.features()));
    AnswerModel.Signals s = SemanticRanker.signals(winner, l.ranking().get(0), l.vector(), l.cos(), l.scored(), l.features(), reranker,
        l.index(), l.route(), l.lexical(), l.t());
    return new Row(l, winner, s, winner == l.expected(), l.ruleAnswer() == winner,
        s.cosine() >= l.t().suggest());
  }

  /** Logistic regression on standardised features; the weights returned in the features' own units. */
  static AnswerModel fit(List<Row> rows, double[] scale, double answer, double keep) {
    int k = FITTED + 1;
    double[] w = new double[k];
    for (int step = 0; step < 40; step++) {
      double[] grad = new double[k];
      double[][] hess = new double[k][k];
      for (int f = 0; f < k - 1; f++) {
        grad[f] = L2 * w[f];
        hess[f][f] = L2;
      }
      hess[k - 1][k - 1] = 1e-6;
      for (Row r : rows) {
        double[] x = standardised(r.x(), scale);
        double z = 0;
        for (int f = 0; f < k; f++) {
          z += w[f] * x[f];
        }
        double p = 1 / (1 + Math.exp(-z));
        double y = r.right() ? 1 : 0;
        for (int f = 0; f < k; f++) {
          grad[f] += (p - y) * x[f];
          for (int g = 0; g < k; g++) {
            hess[f][g] += p * (1 - p) * x[f] * x[g];
          }
        }
      }
      double[] delta = RerankerTraining.solve(hess, grad);
      for (int f = 0; f < k; f++) {
        w[f] -= delta[f];
      }
    }
    double[] raw = new double[k - 1];
    for (int f = 0; f < k - 1; f++) {
      raw[f] = Math.round(1000 * w[f] / scale[f]) / 1000.0;
    }
    // Gated or not as the fit in use (-Dtimbot.faq.answerModel): the bars are chosen for its rule.
    return new AnswerModel(raw, Math.round(1000 * w[k - 1]) / 1000.0, answer, keep, AnswerModel.DEFAULT.gated());
  }

  /** The features divided by their scale, with a constant 1 appended for the intercept. */
  private static double[] standardised(double[] x, double[] scale) {
    double[] out = Arrays.copyOf(x, x.length + 1);
    for (int f = 0; f < x.length; f++) {
      out[f] = x[f] / scale[f];
    }
    out[x.length] = 1;
    return out;
  }

  private static double[] scales(List<Row> rows) {
    int k = FITTED;
    double[] sum = new double[k];
    double[] sq = new double[k];
    for (Row r : rows) {
      for (int f = 0; f < k; f++) {
        sum[f] += r.x()[f];
        sq[f] += r.x()[f] * r.x()[f];
      }
    }
    double[] scale = new double[k];
    for (int f = 0; f < k; f++) {
      double var = sq[f] / rows.size() - Math.pow(sum[f] / rows.size(), 2);
      scale[f] = var > 1e-12 ? Math.sqrt(var) : 1;
    }
    return scale;
  }
}
