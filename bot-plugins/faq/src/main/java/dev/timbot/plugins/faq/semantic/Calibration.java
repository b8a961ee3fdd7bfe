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
 *   <li><b>service negatives</b> (when switched on): other trades' customer questions, the
 *       out-of-scope questions a deployed KB mostly meets ({@link ServiceQuestions}; the KB's own
 *       trades left out); any answer is false.
 * </ul>
 * The answer threshold and margin are the pair that answers the most positives correctly while
 * the expected false-answer rate — the three probe kinds mixed as a deployment would meet them
 * ({@link #POSITIVE_SHARE} in scope) — stays within the budget. The suggest threshold sits just
 * above most generic negatives in the route's own language, so chit-chat gets "I don't know"
 * rather than a list (and, by default, nothing below it is answered).
 *
 * <p>In hybrid mode each probe also carries BM25's best entry (its own phrasing left out, like
 * the embeddings'), and {@link #fitHybrid} gives queries where BM25's best entry is the fused
 * winner too thresholds of their own. Agreement of two unrelated signals is strong evidence: on
 * the shop case files every agreeing in-scope query had the right entry on top, against 85% of
 * the agreeing leave-one-out probes. Because the probes understate it, agreement may only loosen
 * the thresholds, never tighten them (see {@link #fitHybrid}).
 */
public final class Calibration {
  /** Share of in-scope questions assumed when mixing the probe kinds into one false-answer rate. */
  static final double POSITIVE_SHARE = 0.85;
  /** Share of the out-of-scope mass that looks like in-domain questions the KB lacks. */
  static final double IN_DOMAIN_SHARE = 0.6;
  /**
   * Share of the out-of-scope mass that looks like other trades' customer questions, when the
   * calibration has such probes ({@link #serviceNegative}); the in-domain and generic shares
   * keep their proportion in the rest.
   */
  static final double SERVICE_SHARE = 0.5;
  private static final double MIN_ANSWER = 0.5;
  /**
   * The false-answer rate a keyword-scaled fit aims at, at most: with the scale the probes' rate
   * estimates the real one (the goal is 5%), while the configured budget (0.06 by
   * default) was chosen for the unscaled probes, which overstate wrong answers; the agreement fit
   * ({@link #jointFit}) stays unscaled and keeps it.
   */
  static final double SCALED_BUDGET = 0.05;

  /**
   * One probe's outcome: best score, lead over the runner-up, whether the best is right, and
   * whether BM25's best entry is the same one.
   */
  public record Probe(double best, double lead, boolean right, boolean agree) {}

  /** The hybrid decision's two sets of thresholds: when BM25's best entry agrees, and when not. */
  public record Hybrid(Thresholds agreed, Thresholds disagreed) {
    public static Hybrid both(Thresholds t) {
      return new Hybrid(t, t);
    }

    public Thresholds of(boolean agree) {
      return agree ? agreed : disagreed;
    }
  }

  private final Positives positives;
  private final boolean answerFloor;
  private int keywordProbes;
  private int keywordsRight;
  /** Fewer keyword probes than this say too little about accuracy: no scaling. */
  static final int MIN_KEYWORD_PROBES = 10;
  private final List<Probe> inDomain = new ArrayList<>();
  private final List<Probe> generic = new ArrayList<>();
  /** Other trades' customer questions ({@link ServiceQuestions}); empty unless switched on. */
  private final List<Probe> service = new ArrayList<>();
  /** The generic negatives in the route's language; they alone set the suggest threshold. */
  private final List<Probe> genericOfRoute = new ArrayList<>();

  /** A calibration on plain leave-one-out positives, without an answer floor. */
  public Calibration() {
    this(false, false);
  }

  /**
   * @param extrapolate whether positives' counts are extrapolated (false: plain leave-one-out)
   * @param answerFloor whether the answer threshold is never below the suggest threshold, the
   *     60th percentile of the generic negatives in the route's language (see {@link #genericNegative(float[], int, boolean)})
   */
  Calibration(boolean extrapolate, boolean answerFloor) {
    positives = new Positives(extrapolate);
    this.answerFloor = answerFloor;
  }

  public void positive(float[] scores, int expected) {
    positive(scores, expected, -1);
  }

  public void inDomainNegative(float[] scores) {
    inDomainNegative(scores, -1);
  }

  public void genericNegative(float[] scores) {
    genericNegative(scores, -1);
  }

  /** @param lexicalTop BM25's best entry for the same probe, or -1 (none, or not known) */
  public void positive(float[] scores, int expected, int lexicalTop) {
    positive(scores, expected, lexicalTop, new float[0]);
  }

  /**
   * @param fewer the expected entry's score with one more of its phrasings left out, one value per
   *     phrasing that can be (see {@link Positives}); BM25's best entry is taken to stay the same
   */
  public void positive(float[] scores, int expected, int lexicalTop, float[] fewer) {
    Probe probe = probe(scores, expected, lexicalTop);
    List<Probe> variants = new ArrayList<>(fewer.length);
    for (float f : fewer) {
      float[] other = scores.clone();
      other[expected] = f;
      variants.add(probe(other, expected, lexicalTop));
    }
    positives.add(probe, variants);
  }

  public void inDomainNegative(float[] scores, int lexicalTop) {
    inDomain.add(probe(scores, -1, lexicalTop));
  }

  public void genericNegative(float[] scores, int lexicalTop) {
    genericNegative(scores, lexicalTop, true);
  }

  /**
   * @param routeLanguage whether the route gets such text as queries at all (English text on the
   *     Chinese route, say, does not): only those set the suggest threshold
   */
  public void genericNegative(float[] scores, int lexicalTop, boolean routeLanguage) {
    Probe p = probe(scores, -1, lexicalTop);
    generic.add(p);
    if (routeLanguage) {
      genericOfRoute.add(p);
    }
  }

  /**
   * Another trade's customer question (see {@link ServiceQuestions}), asked against the KB: any
   * answer is false. With any of these, they take {@link #SERVICE_SHARE} of the out-of-scope mass.
   */
  public void serviceNegative(float[] scores, int lexicalTop) {
    service.add(probe(scores, -1, lexicalTop));
  }

  /**
   * A keyword of entry {@code expected}, asked against the whole KB (keywords are no rows). Leave-one-out
   * probes find their entry through its other phrasings, which KB authors write to cover other
   * aspects of it, so they miss it far more often than real questions do (top-1 49–57% against
   * 77–88% on three held-out KBs); the entries' keywords, short and never indexed, miss about as
   * often as real questions (82–93%). With at least {@link #MIN_KEYWORD_PROBES} of them, the fit counts each wrong
   * leave-one-out answer {@code (1 − keyword accuracy) / (1 − leave-one-out accuracy)} times (at most
   * once): the probes still say where in (cosine, lead) wrong answers fall, the keywords how many.
   */
  public void keywordProbe(float[] scores, int expected) {
    keywordProbes++;
    if (probe(scores, expected, -1).right()) {
      keywordsRight++;
    }
  }

  /** How much a wrong leave-one-out answer counts in the false-answer rate (see {@link #keywordProbe}). */
  double wrongScale() {
    double probeAccuracy = positives.accuracy();
    if (keywordProbes < MIN_KEYWORD_PROBES || probeAccuracy >= 1) {
      return 1;
    }
    double keywordAccuracy = (double) keywordsRight / keywordProbes;
    return Math.min(1, (1 - keywordAccuracy) / (1 - probeAccuracy));
  }

  public int probes() {
    return positives.size() + inDomain.size() + generic.size() + service.size();
  }

  static Probe probe(float[] scores, int expected, int lexicalTop) {
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
    return new Probe(s1, s2 < -1 ? s1 : s1 - s2, top >= 0 && top == expected, top >= 0 && top == lexicalTop);
  }

  /**
   * The thresholds that answer the most positives while the mixed false-answer rate stays at or
   * under {@code falseBudget}; {@code fallback} when there are too few probes to judge.
   */
  public Thresholds fit(double falseBudget, Thresholds fallback) {
    if (!enoughProbes()) {
      return fallback;
    }
    Grid all = grid(p -> true, wrongScale());
    int best = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.falseRate[i] <= falseBudget && (best < 0 || all.right[i] > all.right[best])) {
        best = i;
      }
    }
    return best < 0 ? fallback : withLeadWeight(thresholds(all, best), falseBudget, all.right[best]);
  }

  /** Lead weights {@link #withLeadWeight} tries. */
  static final double[] LEAD_WEIGHTS = {0.5, 1, 2};

  /**
   * {@code plain} with the lead weight (and a raised answer threshold) that answers more probes
   * rightly within the budget, keeping its margin: a big lead then makes up for a moderate cosine,
   * at the price of a higher bar for leads just above the margin. {@code plain} itself when no
   * weight answers strictly more.
   */
  private Thresholds withLeadWeight(Thresholds plain, double falseBudget, double plainRight) {
    Thresholds best = plain;
    double bestRight = plainRight;
    Positives.Counted counted = positives.counted();
    double scale = wrongScale();
    for (double w : LEAD_WEIGHTS) {
      for (double a = plain.answer(); a <= 1.0001 + 0.3 * w; a += 0.005) {
        Thresholds t = new Thresholds(a, plain.margin(), Math.min(plain.suggest(), a), w);
        Positives.Count c = counted.count(t);
        double right = c.right();
        double falseRate = POSITIVE_SHARE * scale * c.wrong() / positives.size()
            + outOfScopeRate(answered(inDomain, t), answered(service, t), answered(generic, t));
        if (falseRate <= falseBudget && right > bestRight) {
          best = t;
          bestRight = right;
        }
      }
    }
    return best;
  }

  /**
   * The out-of-scope part of the mixed false-answer rate, from how many probes of each negative
   * kind are answered (counts over the whole kind, so disjoint groups' shares add up).
   */
  private double outOfScopeRate(int inDomainAnswered, int serviceAnswered, int genericAnswered) {
    double domainRate = (double) inDomainAnswered / inDomain.size();
    double genericRate = (double) genericAnswered / generic.size();
    double rest = IN_DOMAIN_SHARE * domainRate + (1 - IN_DOMAIN_SHARE) * genericRate;
    if (service.isEmpty()) {
      return (1 - POSITIVE_SHARE) * rest;
    }
    return (1 - POSITIVE_SHARE) * (SERVICE_SHARE * serviceAnswered / service.size() + (1 - SERVICE_SHARE) * rest);
  }

  private static int answered(List<Probe> probes, Thresholds t) {
    int n = 0;
    for (Probe p : probes) {
      if (t.answers(p.best(), p.lead())) {
        n++;
      }
    }
    return n;
  }

  /**
   * The hybrid decision's thresholds. Two pairs, for probes where BM25's best entry agrees with
   * the embeddings' and for the rest, are first chosen together: the most right answers over both
   * groups while the false-answer rate of both together stays within {@code falseBudget}. Then,
   * because leave-one-out probes understate how often agreement is right (each probe loses one of
   * its entry's few phrasings, a real question does not), agreement only ever loosens: agreeing
   * queries get the looser of that pair and {@link #fit}'s, componentwise, and the rest get
   * {@link #fit}'s. (Using the jointly chosen pair for both groups as it is lost direct answers on
   * two of three held-out KBs; see the faq-accuracy notes.)
   */
  public Hybrid fitHybrid(double falseBudget, Thresholds fallback) {
    Thresholds single = fit(wrongScale() < 1 ? Math.min(falseBudget, SCALED_BUDGET) : falseBudget, fallback);
    if (!enoughProbes()) {
      return Hybrid.both(single);
    }
    Thresholds agreed = jointFit(falseBudget).agreed();
    // The single fit's lead weight on the looser pair: still a superset of the single fit's answers.
    return new Hybrid(new Thresholds(Math.min(single.answer(), agreed.answer()),
        Math.min(single.margin(), agreed.margin()), Math.min(single.suggest(), agreed.answer()),
        single.leadWeight()), single);
  }

  /** Both pairs chosen together (see {@link #fitHybrid}), or the strictest grid point for none found. */
  Hybrid jointFit(double falseBudget) {
    // No keyword scale here: agreement only loosening (above) already corrects the same
    // pessimism of the probes; both together over-answer where BM25 agrees (faq4 notes, runs B-C).
    Grid agreed = grid(Probe::agree, 1);
    Grid disagreed = grid(p -> !p.agree(), 1);
    // For the disagreeing group: grid points by false rate, with the best right count so far.
    Integer[] byFalse = new Integer[disagreed.size()];
    for (int i = 0; i < byFalse.length; i++) {
      byFalse[i] = i;
    }
    Arrays.sort(byFalse, (x, y) -> Double.compare(disagreed.falseRate[x], disagreed.falseRate[y]));
    int[] bestUpTo = new int[byFalse.length];
    for (int i = 0; i < byFalse.length; i++) {
      bestUpTo[i] = i > 0 && disagreed.right[byFalse[bestUpTo[i - 1]]] >= disagreed.right[byFalse[i]] ? bestUpTo[i - 1] : i;
    }
    int bestA = -1;
    int bestD = -1;
    double bestRight = -1;
    double bestFalse = 0;
    for (int a = 0; a < agreed.size(); a++) {
      double left = falseBudget - agreed.falseRate[a];
      if (left < 0) {
        continue;
      }
      int lo = -1;
      int hi = byFalse.length - 1;
      while (lo < hi) { // last grid point of the disagreeing group within what is left of the budget
        int mid = (lo + hi + 1) >>> 1;
        if (disagreed.falseRate[byFalse[mid]] <= left) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      if (lo < 0) {
        continue;
      }
      int d = byFalse[bestUpTo[lo]];
      double right = agreed.right[a] + disagreed.right[d];
      double falseRate = agreed.falseRate[a] + disagreed.falseRate[d];
      if (right > bestRight || (right == bestRight && falseRate < bestFalse)) {
        bestRight = right;
        bestFalse = falseRate;
        bestA = a;
        bestD = d;
      }
    }
    if (bestA < 0) {
      Thresholds never = new Thresholds(1.1, 1, 1.1);
      return Hybrid.both(never);
    }
    return new Hybrid(thresholds(agreed, bestA), thresholds(disagreed, bestD));
  }

  private boolean enoughProbes() {
    return positives.size() >= 10 && !inDomain.isEmpty() && !generic.isEmpty();
  }

  private Thresholds thresholds(Grid g, int i) {
    List<Probe> own = genericOfRoute.isEmpty() ? generic : genericOfRoute;
    double suggest = percentile(own.stream().mapToDouble(Probe::best).toArray(), 0.6);
    if (answerFloor) {
      // Never answer what scores below most everyday text in the route's own language: the grid's
      // answer threshold can sit at its bottom (0.5) when the margin alone keeps the probes within
      // budget, and then a lead over flat scores answers anything.
      return new Thresholds(Math.max(g.answer[i], suggest), g.margin[i], suggest);
    }
    return new Thresholds(g.answer[i], g.margin[i], Math.min(suggest, g.answer[i]));
  }

  /**
   * Every (answer, margin) pair on the grid with the right answers it gives among the positives
   * {@code group} selects, and its share of the mixed false-answer rate. Rates are over all probes
   * of a kind, so the shares of disjoint groups add up. (Plain loops over arrays: this runs three
   * times per model route on every KB load, 4 141 grid points each.)
   */
  private Grid grid(java.util.function.Predicate<Probe> group, double scale) {
    Positives.Counted pos = positives.select(group).counted();
    Kind dom = new Kind(inDomain, group);
    Kind gen = new Kind(generic, group);
    Kind svc = new Kind(service, group);
    Grid g = new Grid();
    for (double answer = MIN_ANSWER; answer <= 1.0001; answer += 0.005) {
      for (double margin = 0; margin <= 0.2001; margin += 0.005) {
        Positives.Count c = pos.count(answer, margin);
        double right = c.right();
        double falseRate = POSITIVE_SHARE * scale * c.wrong() / positives.size()
            + outOfScopeRate(dom.answered(answer, margin), svc.answered(answer, margin), gen.answered(answer, margin));
        g.add(answer, margin, right, falseRate);
      }
    }
    return g;
  }

  /** The probes of one kind that a group selects, as arrays. */
  private static final class Kind {
    final double[] best;
    final double[] lead;

    Kind(List<Probe> probes, java.util.function.Predicate<Probe> group) {
      List<Probe> in = probes.stream().filter(group).toList();
      best = new double[in.size()];
      lead = new double[in.size()];
      for (int i = 0; i < in.size(); i++) {
        best[i] = in.get(i).best();
        lead[i] = in.get(i).lead();
      }
    }

    int answered(double answer, double margin) {
      int n = 0;
      for (int i = 0; i < best.length; i++) {
        if (best[i] >= answer && lead[i] >= margin) {
          n++;
        }
      }
      return n;
    }
  }

  /** Grid points as parallel arrays. */
  private static final class Grid {
    private static final int SIZE = 102 * 42;
    final double[] answer = new double[SIZE];
    final double[] margin = new double[SIZE];
    final double[] right = new double[SIZE];
    final double[] falseRate = new double[SIZE];
    private int n;

    void add(double a, double m, double r, double f) {
      answer[n] = a;
      margin[n] = m;
      right[n] = r;
      falseRate[n] = f;
      n++;
    }

    int size() {
      return n;
    }
  }

  private static double percentile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[Math.min(v.length - 1, (int) Math.floor(q * v.length))];
  }
}
