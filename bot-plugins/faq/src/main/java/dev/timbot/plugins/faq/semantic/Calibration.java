package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits {@link Thresholds} to one knowledge base, so that a KB whose entries are far apart and one
 * full of near-identical siblings each get thresholds that suit them. Redone on every reload.
 *
 * <p>The probes are the KB's own phrasings, scored against the rest of the KB:
 * <ul>
 *   <li><b>leave-one-out positives</b>: each phrasing of an entry that has others, asked with the
 *       phrasing itself left out; answering is right when the entry comes out on top, false when a
 *       sibling does;
 *   <li><b>in-domain negatives</b>: each phrasing asked with its whole entry left out, i.e. an
 *       in-domain question the KB cannot answer — any answer is false (this is what a sibling
 *       that is not in the KB looks like);
 *   <li><b>generic negatives</b>: everyday out-of-scope text (weather, jokes, other trades);
 *       any answer is false.
 * </ul>
 * The answer threshold and margin are the pair that answers the most positives correctly while
 * the expected false-answer rate — the three probe kinds mixed as a deployment would meet them
 * ({@link #POSITIVE_SHARE} in scope) — stays within the budget. The suggest threshold sits just
 * above most generic negatives, so chit-chat gets "I don't know" rather than a list.
 */
public final class Calibration {
  /** Share of in-scope questions assumed when mixing the probe kinds into one false-answer rate. */
  static final double POSITIVE_SHARE = 0.85;
  /** Share of the out-of-scope mass that looks like in-domain questions the KB lacks. */
  static final double IN_DOMAIN_SHARE = 0.6;
  private static final double MIN_ANSWER = 0.5;

  /** One probe's outcome: best score, lead over the runner-up, and whether the best is right. */
  public record Probe(double best, double lead, boolean right) {}

  private final List<Probe> positives = new ArrayList<>();
  private final List<Probe> inDomain = new ArrayList<>();
  private final List<Probe> generic = new ArrayList<>();

  public void positive(float[] scores, int expected) {
    positives.add(probe(scores, expected));
  }

  public void inDomainNegative(float[] scores) {
    inDomain.add(probe(scores, -1));
  }

  public void genericNegative(float[] scores) {
    generic.add(probe(scores, -1));
  }

  public int probes() {
    return positives.size() + inDomain.size() + generic.size();
  }

  static Probe probe(float[] scores, int expected) {
    int top = -1;
    float s1 = -2;
    float s2 = -2;
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (s > s1) {
        s2 = s1;
        s1 = s;
        top = i;
      } else if (s > s2) {
        s2 = s;
      }
    }
    return new Probe(s1, s2 < -1 ? s1 : s1 - s2, top >= 0 && top == expected);
  }

  /**
   * The thresholds that answer the most positives while the mixed false-answer rate stays at or
   * under {@code falseBudget}; {@code fallback} when there are too few probes to judge.
   */
  public Thresholds fit(double falseBudget, Thresholds fallback) {
    if (positives.size() < 10 || inDomain.isEmpty() || generic.isEmpty()) {
      return fallback;
    }
    double suggest = percentile(generic.stream().mapToDouble(Probe::best).toArray(), 0.6);
    double bestAnswer = Double.NaN;
    double bestMargin = 0;
    double bestRight = -1;
    for (double answer = MIN_ANSWER; answer <= 1.0001; answer += 0.005) {
      for (double margin = 0; margin <= 0.2001; margin += 0.005) {
        double right = 0;
        double wrong = 0;
        for (Probe p : positives) {
          if (p.best() >= answer && p.lead() >= margin) {
            if (p.right()) {
              right++;
            } else {
              wrong++;
            }
          }
        }
        double falseRate = POSITIVE_SHARE * wrong / positives.size()
            + (1 - POSITIVE_SHARE) * (IN_DOMAIN_SHARE * answered(inDomain, answer, margin)
                + (1 - IN_DOMAIN_SHARE) * answered(generic, answer, margin));
        if (falseRate <= falseBudget && right > bestRight) {
          bestRight = right;
          bestAnswer = answer;
          bestMargin = margin;
        }
      }
    }
    if (Double.isNaN(bestAnswer)) {
      return fallback;
    }
    return new Thresholds(bestAnswer, bestMargin, Math.min(suggest, bestAnswer));
  }

  private static double answered(List<Probe> probes, double answer, double margin) {
    long n = probes.stream().filter(p -> p.best() >= answer && p.lead() >= margin).count();
    return (double) n / probes.size();
  }

  private static double percentile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[Math.min(v.length - 1, (int) Math.floor(q * v.length))];
  }
}
