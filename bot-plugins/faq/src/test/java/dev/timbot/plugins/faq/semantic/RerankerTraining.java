package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.EvalCase;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.SemanticSettings;
import dev.timbot.plugins.faq.internal.FaqIndex;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits {@link Reranker#DEFAULT}'s weights (a tool, not a test; faq7). For every in-scope question of
 * the case files given, the hybrid lookup's fused candidates and their {@link RerankFeatures}, exactly as
 * {@link SemanticRanker} computes them; then a pairwise logistic regression (the right entry against each
 * other candidate of the same question, every question weighing the same, features standardised, L2 1.0),
 * Newton's method. Prints, per case file, fusion's top-1 and the reranker's top-1 when fitted without that
 * file's knowledge base (the honest estimate for an unseen KB), then the weights fitted on everything.
 *
 * <pre>
 * java -cp bot-plugins/faq/target/test-classes:bot-plugins/faq/target/faq-cli.jar \
 *   dev.timbot.plugins.faq.semantic.RerankerTraining DATA_DIR KB1 CASES1 [KB2 CASES2 ...]
 * </pre>
 *
 * <p>Query vectors come from {@code Route.embedQuery}, so since session 40 the Chinese route's are mapped by the
 * {@link QueryAdapter}, as lookups' are; {@code -Dtimbot.faq.queryAdapter=off} fits on unmapped ones, as every fit
 * before session 40 was.
 */
public final class RerankerTraining {
  private static final int DEPTH = 5;
  private static final double L2 = 1.0;

  /** One question: its candidates' features in fused order, and which candidate is right (-1: none). */
  record Question(double[][] features, int right) {}

  private RerankerTraining() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Map<String, List<Question>> byCases = new LinkedHashMap<>();
    Map<String, String> kbOf = new LinkedHashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      byCases.put(args[i + 1], questions(data, Path.of(args[i]), Path.of(args[i + 1])));
      kbOf.put(args[i + 1], args[i]);
    }
    for (var set : byCases.entrySet()) {
      List<Question> training = new ArrayList<>();
      byCases.forEach((cases, qs) -> {
        if (!kbOf.get(cases).equals(kbOf.get(set.getKey()))) {
          training.addAll(qs);
        }
      });
      Reranker r = train(training);
      List<Question> qs = set.getValue();
      int fusion = (int) qs.stream().filter(q -> q.right() == 0).count();
      int reranked = (int) qs.stream().filter(q -> q.right() >= 0 && r.best(q.features()) == q.right()).count();
      System.out.printf(Locale.ROOT, "%-60s in scope %3d  fusion top-1 %5.1f%%  reranker (KB left out) %5.1f%%  (%+d)%n",
          Path.of(set.getKey()).getFileName(), qs.size(), 100.0 * fusion / qs.size(), 100.0 * reranked / qs.size(),
          reranked - fusion);
    }
    List<Question> all = new ArrayList<>();
    byCases.values().forEach(all::addAll);
    System.out.println("weights fitted on all: " + train(all));
  }

  /** The in-scope questions of one case file with their candidates as a hybrid lookup sees them. */
  static List<Question> questions(Path data, Path kbFile, Path casesFile) throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(kbFile).orThrow();
    SemanticIndex index = index(data, kb);
    List<Question> out = new ArrayList<>();
    try (FaqIndex lexical = new FaqIndex(kb)) {
      for (EvalCase c : EvalCase.readTsv(casesFile)) {
        if (!c.inScope()) {
          continue;
        }
        String normalized = TextNormalizer.normalize(c.query()).strip();
        List<FaqIndex.Hit> hits = lexical.search(normalized, 10);
        List<Integer> entries = hits.stream().map(FaqIndex.Hit::entry).toList();
        SemanticIndex.Route route = index.routeFor(normalized);
        float[] vector = route.embedQuery(normalized);
        float[] cos = route.index().nearest(vector, Candidates.DENSE, entries).score();
        List<Integer> ranking = Candidates.fused(cos, entries);
        double[][] features = index.candidates().features(normalized, vector, route.index(), cos, ranking, DEPTH,
            entries, hits.stream().map(FaqIndex.Hit::normalized).toList());
        int expected = kb.entries().indexOf(kb.entry(c.expectedId()).orElseThrow());
        out.add(new Question(features, ranking.subList(0, features.length).indexOf(expected)));
      }
    }
    return out;
  }

  /** The KB's semantic index with the bundled models, vectors and calibrations cached under {@code data}. */
  static SemanticIndex index(Path data, KnowledgeBase kb) {
    return SemanticIndex.build(kb, EmbeddingCaches.bundled(data.resolve("vectors"), data.resolve("native"), true), null,
        SemanticSettings.DEFAULT_FALSE_BUDGET, SemanticIndex.Progress.NONE);
  }

  /** Newton's method on the pairwise logistic loss; the weights returned in the features' own units. */
  static Reranker train(List<Question> questions) {
    int k = RerankFeatures.COUNT;
    double[] scale = scales(questions, k);
    List<double[]> diffs = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Question q : questions) {
      if (q.right() < 0 || q.features().length < 2) {
        continue;
      }
      double[] right = q.features()[q.right()];
      for (int j = 0; j < q.features().length; j++) {
        if (j != q.right()) {
          double[] d = new double[k];
          for (int f = 0; f < k; f++) {
            d[f] = (right[f] - q.features()[j][f]) / scale[f];
          }
          diffs.add(d);
          weights.add(1.0 / (q.features().length - 1));
        }
      }
    }
    double[] w = new double[k];
    for (int step = 0; step < 30; step++) {
      double[] grad = new double[k];
      double[][] hess = new double[k][k];
      for (int f = 0; f < k; f++) {
        grad[f] = L2 * w[f];
        hess[f][f] = L2;
      }
      for (int i = 0; i < diffs.size(); i++) {
        double[] d = diffs.get(i);
        double z = 0;
        for (int f = 0; f < k; f++) {
          z += w[f] * d[f];
        }
        double p = 1 / (1 + Math.exp(-z));
        double c = weights.get(i);
        for (int f = 0; f < k; f++) {
          grad[f] -= c * (1 - p) * d[f];
          for (int g = 0; g < k; g++) {
            hess[f][g] += c * p * (1 - p) * d[f] * d[g];
          }
        }
      }
      double[] delta = solve(hess, grad);
      for (int f = 0; f < k; f++) {
        w[f] -= delta[f];
      }
    }
    double[] raw = new double[k];
    for (int f = 0; f < k; f++) {
      raw[f] = Math.round(100 * w[f] / scale[f]) / 100.0;
    }
    return new Reranker(raw, DEPTH);
  }

  private static double[] scales(List<Question> questions, int k) {
    double[] sum = new double[k];
    double[] sq = new double[k];
    int n = 0;
    for (Question q : questions) {
      for (double[] f : q.features()) {
        for (int i = 0; i < k; i++) {
          sum[i] += f[i];
          sq[i] += f[i] * f[i];
        }
        n++;
      }
    }
    double[] scale = new double[k];
    for (int i = 0; i < k; i++) {
      double var = sq[i] / n - (sum[i] / n) * (sum[i] / n);
      scale[i] = var > 1e-12 ? Math.sqrt(var) : 1;
    }
    return scale;
  }

  /** Gaussian elimination with partial pivoting (the Hessian is positive definite). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j <= n; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int j = r + 1; j < n; j++) {
        s -= m[r][j] * x[j];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}
