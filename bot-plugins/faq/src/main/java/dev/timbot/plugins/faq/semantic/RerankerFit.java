package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link Reranker} on one route's leave-one-out probes: each probe is a KB phrasing asked with
 * itself left out, its candidates the first {@link #DEPTH} entries of rank fusion. A pairwise logistic
 * regression (the right entry against each other candidate, every probe weighing the same, L2-regularised,
 * features standardised) learns which signals tell the right entry from its close neighbours in this KB.
 * The fit is kept only if, fitted on half of the probes and judged on the other half (both ways), it puts
 * the right entry first for at least {@link #MIN_GAIN} of the probes more than fusion's order does:
 * otherwise {@link Reranker#NONE}. Redone with every calibration, i.e. whenever the KB changes.
 */
final class RerankerFit {
  /** Candidates reordered: the fused top 5 hold the right entry for most probes that have it in the top 20. */
  static final int DEPTH = Integer.getInteger("timbot.faq.rerankDepth", 5);
  /** The held-out gain over fusion a fit must show, as a share of the probes whose right entry is a candidate. */
  static final double MIN_GAIN = 0.02;
  /** Probes it needs at all (with the right entry among the candidates). */
  static final int MIN_PROBES = 40;
  private static final double L2 = 1.0;
  /** {@code -Dtimbot.faq.rerankLog=true}: each fit's probe counts and weights on stderr (for the branch notes). */
  private static final boolean LOG = Boolean.getBoolean("timbot.faq.rerankLog");
  private static final int NEWTON_STEPS = 25;

  /** One probe: its candidates' features in fused order, and which candidate is right. */
  record Probe(double[][] features, int right) {}

  private final List<Probe> probes = new ArrayList<>();

  /** Adds a probe; one whose right entry is not among its candidates (or that has one candidate) teaches nothing. */
  void add(double[][] features, int right) {
    if (right >= 0 && features.length >= 2) {
      probes.add(new Probe(features, right));
    }
  }

  int probes() {
    return probes.size();
  }

  /** The fitted reranker, or {@link Reranker#NONE} when it does not beat fusion on held-out probes. */
  Reranker fit() {
    if (probes.size() < MIN_PROBES) {
      return Reranker.NONE;
    }
    List<Probe> even = new ArrayList<>();
    List<Probe> odd = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      (i % 2 == 0 ? even : odd).add(probes.get(i));
    }
    int fusion = 0;
    for (Probe p : probes) {
      if (p.right() == 0) {
        fusion++;
      }
    }
    int heldOut = correct(train(even), odd) + correct(train(odd), even);
    boolean keep = heldOut - fusion >= Math.max(2, MIN_GAIN * probes.size());
    Reranker all = train(probes);
    if (LOG) {
      System.err.printf(java.util.Locale.ROOT, "faq rerank fit: %d probes, fusion first %d, held-out reranker first %d, "
          + "fitted on all %d: %s%s%n", probes.size(), fusion, heldOut, correct(all, probes), all.encode(), keep ? "" : " (not kept)");
    }
    return keep ? all : Reranker.NONE;
  }

  /** How many probes {@code r} puts the right entry first for. */
  static int correct(Reranker r, List<Probe> probes) {
    int n = 0;
    for (Probe p : probes) {
      if (r.best(p.features()) == p.right()) {
        n++;
      }
    }
    return n;
  }

  /** Newton's method on the pairwise logistic loss; weights returned in the features' own units. */
  static Reranker train(List<Probe> probes) {
    int k = RerankFeatures.COUNT;
    double[] scale = scales(probes, k);
    List<double[]> diffs = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Probe p : probes) {
      double[] right = p.features()[p.right()];
      int others = p.features().length - 1;
      for (int j = 0; j < p.features().length; j++) {
        if (j == p.right()) {
          continue;
        }
        double[] d = new double[k];
        for (int f = 0; f < k; f++) {
          d[f] = (right[f] - p.features()[j][f]) / scale[f];
        }
        diffs.add(d);
        weights.add(1.0 / others);
      }
    }
    double[] w = new double[k];
    for (int step = 0; step < NEWTON_STEPS; step++) {
      double[] grad = new double[k];
      double[][] hess = new double[k][k];
      for (int f = 0; f < k; f++) {
        grad[f] = L2 * w[f];
        hess[f][f] = L2;
      }
      for (int i = 0; i < diffs.size(); i++) {
        double[] d = diffs.get(i);
        double c = weights.get(i);
        double z = 0;
        for (int f = 0; f < k; f++) {
          z += w[f] * d[f];
        }
        double p = 1 / (1 + Math.exp(-z));
        for (int f = 0; f < k; f++) {
          grad[f] -= c * (1 - p) * d[f];
          for (int g = 0; g < k; g++) {
            hess[f][g] += c * p * (1 - p) * d[f] * d[g];
          }
        }
      }
      double[] delta = solve(hess, grad);
      double size = 0;
      for (int f = 0; f < k; f++) {
        w[f] -= delta[f];
        size += Math.abs(delta[f]);
      }
      if (size < 1e-9) {
        break;
      }
    }
    double[] raw = new double[k];
    for (int f = 0; f < k; f++) {
      raw[f] = w[f] / scale[f];
    }
    return new Reranker(raw, DEPTH);
  }

  /** Each feature's standard deviation over all candidates (1 for a constant feature). */
  private static double[] scales(List<Probe> probes, int k) {
    double[] sum = new double[k];
    double[] sq = new double[k];
    int n = 0;
    for (Probe p : probes) {
      for (double[] f : p.features()) {
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

  /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting ({@code a} is positive definite here). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
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
