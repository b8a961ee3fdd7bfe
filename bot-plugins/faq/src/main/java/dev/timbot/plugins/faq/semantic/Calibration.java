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
 * <p>With declared siblings ({@link Siblings}; on by default), each probe also notes whether its
 * runner-up is a sibling of its best entry, and the fit chooses the margin for those probes apart
 * from the others' ({@link SiblingFit}): a sibling closer than its margin gets a clarifying question.
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
   * One probe's outcome: best score, lead over the runner-up, whether the best is right, whether
   * BM25's best entry is the same one, and whether the runner-up is a declared sibling of the best.
   */
  public record Probe(double best, double lead, boolean right, boolean agree, boolean sibling) {
    /** A probe whose runner-up is no declared sibling. */
    public Probe(double best, double lead, boolean right, boolean agree) {
      this(best, lead, right, agree, false);
    }
  }

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
  private final Siblings siblings;
  /** Whether the fit gives a runner-up that is a declared sibling a margin of its own ({@link #fit}). */
  private final boolean siblingFit;
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
    this(false, false, Siblings.NONE, false);
  }

  /**
   * @param extrapolate whether positives' counts are extrapolated (false: plain leave-one-out)
   * @param answerFloor whether the answer threshold is never below the suggest threshold, the
   *     60th percentile of the generic negatives in the route's language (see {@link #genericNegative(float[], int, boolean)})
   */
  Calibration(boolean extrapolate, boolean answerFloor) {
    this(extrapolate, answerFloor, Siblings.NONE, false);
  }

  /**
   * @param siblings the KB's declared siblings: each probe notes whether its runner-up is one of its best entry's
   * @param siblingFit whether the fit chooses a separate margin for such probes ({@link #fit})
   */
  Calibration(boolean extrapolate, boolean answerFloor, Siblings siblings, boolean siblingFit) {
    positives = new Positives(extrapolate);
    this.answerFloor = answerFloor;
    this.siblings = siblings;
    this.siblingFit = siblingFit;
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
    Probe probe = probe(scores, expected, lexicalTop, siblings);
    List<Probe> variants = new ArrayList<>(fewer.length);
    for (float f : fewer) {
      float[] other = scores.clone();
      other[expected] = f;
      variants.add(probe(other, expected, lexicalTop, siblings));
    }
    positives.add(probe, variants);
  }

  public void inDomainNegative(float[] scores, int lexicalTop) {
    inDomain.add(probe(scores, -1, lexicalTop, siblings));
  }

  public void genericNegative(float[] scores, int lexicalTop) {
    genericNegative(scores, lexicalTop, true);
  }

  /**
   * @param routeLanguage whether the route gets such text as queries at all (English text on the
   *     Chinese route, say, does not): only those set the suggest threshold
   */
  public void genericNegative(float[] scores, int lexicalTop, boolean routeLanguage) {
    Probe p = probe(scores, -1, lexicalTop, siblings);
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
    service.add(probe(scores, -1, lexicalTop, siblings));
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
    return probe(scores, expected, lexicalTop, Siblings.NONE);
  }

  static Probe probe(float[] scores, int expected, int lexicalTop, Siblings siblings) {
    int top = -1;
    int second = -1;
    float s1 = -2;
    float s2 = -2;
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (s > s1) {
        s2 = s1;
        second = top;
        s1 = s;
        top = i;
      } else if (s > s2) {
        s2 = s;
        second = i;
      }
    }
    return new Probe(s1, s2 < -1 ? s1 : s1 - s2, top >= 0 && top == expected, top >= 0 && top == lexicalTop,
        siblings.of(top, second));
  }

  /**
   * The thresholds that answer the most positives while the mixed false-answer rate stays at or
   * under {@code falseBudget}; {@code fallback} when there are too few probes to judge.
   */
  public Thresholds fit(double falseBudget, Thresholds fallback) {
    if (!enoughProbes()) {
      return fallback;
    }
    if (siblingFit) {
      Thresholds t = SiblingFit.fit(grid(p -> !p.sibling(), wrongScale()), grid(Probe::sibling, wrongScale()),
          falseBudget, suggest(), answerFloor);
      return t == null ? fallback : withLeadWeight(t, falseBudget, positives.counted().count(t).right());
    }
    FitGrid all = grid(p -> true, wrongScale());
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
        Thresholds t = new Thresholds(a, plain.margin(), Math.min(plain.suggest(), a), w, plain.siblingMargin());
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
      if (t.answers(p.best(), p.lead(), p.sibling())) {
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
        single.leadWeight(), Math.min(single.siblingMargin(), agreed.siblingMargin())), single);
  }

  /** Both pairs chosen together (see {@link #fitHybrid}), or the strictest grid point for none found. */
  Hybrid jointFit(double falseBudget) {
    // No keyword scale here: agreement only loosening (above) already corrects the same
    // pessimism of the probes; both together over-answer where BM25 agrees (faq4 notes, runs B-C).
    FitGrid agreed = grid(Probe::agree, 1);
    FitGrid disagreed = grid(p -> !p.agree(), 1);
    int[] best = AgreementFit.best(agreed, disagreed, falseBudget);
    if (best == null) {
      Thresholds never = new Thresholds(1.1, 1, 1.1);
      return Hybrid.both(never);
    }
    return new Hybrid(thresholds(agreed, best[0]), thresholds(disagreed, best[1]));
  }


  private boolean enoughProbes() {
    return positives.size() >= 10 && !inDomain.isEmpty() && !generic.isEmpty();
  }

  private Thresholds thresholds(FitGrid g, int i) {
    double suggest = suggest();
    if (answerFloor) {
      return new Thresholds(Math.max(g.answer[i], suggest), g.margin[i], suggest);
    }
    return new Thresholds(g.answer[i], g.margin[i], Math.min(suggest, g.answer[i]));
  }

  /** Above most everyday text in the route's own language (all generic text when none is known). */
  private double suggest() {
    List<Probe> own = genericOfRoute.isEmpty() ? generic : genericOfRoute;
    return percentile(own.stream().mapToDouble(Probe::best).toArray(), 0.6);
  }

  /**
   * Where the grid's answer thresholds start. With the floor: never answer what scores below most
   * everyday text in the route's own language — otherwise the answer threshold can sit at the
   * grid's bottom (0.5) when the margin alone keeps the probes within budget, and then a lead over
   * flat scores answers anything. The floor bounds the search itself: raising a chosen point to
   * it afterwards could land on one the floor empties while a point above it answers more.
   */
  private double lowestAnswer() {
    return answerFloor ? Math.max(MIN_ANSWER, suggest()) : MIN_ANSWER;
  }

  /**
   * Every (answer, margin) pair on the grid with the right answers it gives among the positives
   * {@code group} selects, and its share of the mixed false-answer rate. Rates are over all probes
   * of a kind, so the shares of disjoint groups add up. (Plain loops over arrays: this runs three
   * times per model route on every KB load, 4 141 grid points each.)
   */
  private FitGrid grid(java.util.function.Predicate<Probe> group, double scale) {
    Positives.Counted pos = positives.select(group).counted();
    ProbeKind dom = new ProbeKind(inDomain, group);
    ProbeKind gen = new ProbeKind(generic, group);
    ProbeKind svc = new ProbeKind(service, group);
    FitGrid g = new FitGrid();
    for (double answer = lowestAnswer(); answer <= 1.0001; answer += FitGrid.STEP) {
      double margin = 0;
      for (int m = 0; m < FitGrid.MARGINS; m++, margin += FitGrid.STEP) {
        Positives.Count c = pos.count(answer, margin);
        double right = c.right();
        double falseRate = POSITIVE_SHARE * scale * c.wrong() / positives.size()
            + outOfScopeRate(dom.answered(answer, margin), svc.answered(answer, margin), gen.answered(answer, margin));
        g.add(answer, margin, right, falseRate);
      }
    }
    return g;
  }

  private static double percentile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[Math.min(v.length - 1, (int) Math.floor(q * v.length))];
  }
}
