package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
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
  /** Whether keyword probes count as positives too, not only towards the scale ({@link #keywordProbe(float[], int, int)}). */
  private final boolean keywordPositives;
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
    this(extrapolate, answerFloor, siblings, siblingFit, false);
  }

  /** @param keywordPositives whether keyword probes join the positives ({@link #keywordProbe(float[], int, int)}) */
  Calibration(boolean extrapolate, boolean answerFloor, Siblings siblings, boolean siblingFit,
      boolean keywordPositives) {
    positives = new Positives(extrapolate);
    this.answerFloor = answerFloor;
    this.siblings = siblings;
    this.siblingFit = siblingFit;
    this.keywordPositives = keywordPositives;
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
    positive(scores, expected, lexicalTop, fewer, false);
  }

  /**
   * @param lostToTwin whether the probe's phrasing lost to its mirror twin in another entry ({@link MirrorPairs}):
   *     it then counts as a tie (lead 0), which is what a real question near the pair meets
   */
  void positive(float[] scores, int expected, int lexicalTop, float[] fewer, boolean lostToTwin) {
    Probe probe = probe(scores, expected, lexicalTop, siblings);
    List<Probe> variants = new ArrayList<>(fewer.length);
    for (float f : fewer) {
      float[] other = scores.clone();
      other[expected] = f;
      variants.add(probe(other, expected, lexicalTop, siblings));
    }
    positives.add(probe, variants, lostToTwin && !probe.right());
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
    keywordProbe(scores, expected, -1);
  }

  /**
   * {@link #keywordProbe(float[], int)}, and, when this calibration was made with keyword positives, a positive too
   * (BM25's best entry for the keyword is {@code lexicalTop}). For a route whose queries have one or two phrasings per
   * entry in their language (the English route of a bilingual KB): a leave-one-out probe there finds its entry
   * through the one phrasing left, so its positives are few and harder than real questions (faq14 notes: hotel's
   * English probes 56% right against 81% of its real English questions), and the answer bar and the margin it
   * chooses are the highest of any route. A keyword is asked against the whole KB, as a real question is, so it adds
   * a positive per keyword without taking a phrasing away. The scale ({@link #wrongScale}) then compares the
   * keywords' accuracy with that of all positives, keywords included.
   */
  void keywordProbe(float[] scores, int expected, int lexicalTop) {
    keywordProbes++;
    if (probe(scores, expected, -1).right()) {
      keywordsRight++;
    }
    if (keywordPositives) {
      positive(scores, expected, lexicalTop);
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
   * under {@code falseBudget}; {@code fallback} when there are too few probes to judge ({@link ThresholdSearch#fit}).
   */
  public Thresholds fit(double falseBudget, Thresholds fallback) {
    return search().fit(falseBudget, fallback);
  }

  /** The hybrid decision's thresholds ({@link ThresholdSearch#fitHybrid}). */
  public Hybrid fitHybrid(double falseBudget, Thresholds fallback) {
    return search().fitHybrid(falseBudget, fallback);
  }

  /** Both hybrid pairs chosen together ({@link ThresholdSearch#jointFit}). */
  Hybrid jointFit(double falseBudget) {
    return search().jointFit(falseBudget);
  }

  /**
   * Twins closer than {@link #TWIN_QUANTILE} of the route's right probes are to their own entry count as ties
   * ({@link MirrorPairs}): closer than that, the model does not tell the two phrasings apart; a pair further apart
   * is no closer than phrasings of one entry commonly are, and a real question near one of them is no tie.
   * {@code -Dtimbot.faq.twinQuantile}; 0.95 by default. Chosen on the eighteen development case files of the faq16
   * notes: every twin counted as a tie lost 14 right answers on the campus KB (its fit traded a wider margin for a
   * higher bar); 0.9 added 4 false answers for 11 right on the seventeen case files other than brokerage's, 0.95 1 for 4, the
   * same brokerage gain with both.
   */
  static final double TWIN_QUANTILE = FaqSwitches.fraction("timbot.faq.twinQuantile", 0.95);

  private ThresholdSearch search() {
    Positives positives = this.positives.tyingTwins(TWIN_QUANTILE);
    return new ThresholdSearch(positives, inDomain, generic, service, genericOfRoute, answerFloor, siblingFit,
        wrongScale());
  }
}
