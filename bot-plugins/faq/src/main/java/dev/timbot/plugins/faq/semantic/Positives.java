package dev.timbot.plugins.faq.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The leave-one-out positives of a {@link Calibration}, counted so that they stand for real
 * questions rather than for questions whose entry has lost a phrasing.
 *
 * <p>A leave-one-out probe asks with one of its entry's phrasings and finds the entry through the
 * others; a real question finds it through all of them. With two or three phrasings per language,
 * one phrasing fewer matters: on the held-out KBs 49–57% of the probes had their entry on top against
 * 77–88% of the real questions, so the fit saw wrong answers that real questions mostly do not give
 * and set the answer bar high. To correct this without a constant, each positive is also asked with
 * one more of its entry's phrasings left out (each in turn, weighted equally), and every count the fit
 * takes — right and wrong answers under some thresholds — is extrapolated one step, from two
 * phrasings fewer through one fewer to none fewer: {@code 2·count(one fewer) − count(two fewer)}
 * (a wrong count never below 0). An entry with no other phrasing to leave out counts as its
 * leave-one-out probe (no correction).
 */
final class Positives {
  private final List<Calibration.Probe> one = new ArrayList<>();
  /** Per leave-one-out probe: its variants with one more phrasing left out (itself when there is none). */
  private final List<List<Calibration.Probe>> fewer = new ArrayList<>();
  /** Per leave-one-out probe: whether it lost to its mirror twin ({@link #tyingTwins}). */
  private final List<Boolean> twin = new ArrayList<>();
  private final boolean extrapolate;

  Positives(boolean extrapolate) {
    this.extrapolate = extrapolate;
  }

  /**
   * @param probe the leave-one-out probe
   * @param fewerPhrasings the same probe with one more of its entry's phrasings left out, one per
   *     phrasing that can be (empty: none can)
   */
  void add(Calibration.Probe probe, List<Calibration.Probe> fewerPhrasings) {
    add(probe, fewerPhrasings, false);
  }

  /** @param lostToTwin whether the (wrong) probe lost to its mirror twin in another entry ({@link MirrorPairs}) */
  void add(Calibration.Probe probe, List<Calibration.Probe> fewerPhrasings, boolean lostToTwin) {
    one.add(probe);
    fewer.add(fewerPhrasings.isEmpty() ? List.of(probe) : List.copyOf(fewerPhrasings));
    twin.add(lostToTwin);
  }

  /**
   * The right probes' cosine at index {@code floor(q * n)} of the {@code n} sorted ones (the largest when that is past
   * the end; 1 without right probes): at or under it lie more than the share {@code q} of them — with fewer than
   * {@code 1 / (1 - q)} right probes, all of them.
   */
  double rightQuantile(double q) {
    double[] right = one.stream().filter(Calibration.Probe::right).mapToDouble(Calibration.Probe::best).sorted()
        .toArray();
    return right.length == 0 ? 1 : right[Math.min(right.length - 1, (int) Math.floor(q * right.length))];
  }

  /**
   * These positives with each probe that lost to its twin at a cosine of at least {@link #rightQuantile} of
   * {@code quantile} counted as a tie (lead 0), its variants too; itself, with nothing computed, when no probe lost to
   * its twin (always so with mirror pairs off).
   */
  Positives tyingTwins(double quantile) {
    if (!twin.contains(true)) {
      return this;
    }
    double minCosine = rightQuantile(quantile);
    Positives out = new Positives(extrapolate);
    for (int i = 0; i < one.size(); i++) {
      boolean tie = twin.get(i) && one.get(i).best() >= minCosine;
      out.one.add(tie ? tied(one.get(i)) : one.get(i));
      out.fewer.add(tie ? fewer.get(i).stream().map(Positives::tied).toList() : fewer.get(i));
      out.twin.add(twin.get(i));
    }
    return out;
  }

  private static Calibration.Probe tied(Calibration.Probe p) {
    return p.right() ? p : new Calibration.Probe(p.best(), 0, false, p.agree(), p.sibling());
  }

  int size() {
    return one.size();
  }

  /** The share of leave-one-out probes with their entry on top (0 without probes). */
  double accuracy() {
    return one.isEmpty() ? 0 : (double) one.stream().filter(Calibration.Probe::right).count() / one.size();
  }

  /** The positives a group selects (leave-one-out probes decide membership; their variants follow). */
  Positives select(Predicate<Calibration.Probe> group) {
    Positives out = new Positives(extrapolate);
    for (int i = 0; i < one.size(); i++) {
      if (group.test(one.get(i))) {
        out.one.add(one.get(i));
        out.fewer.add(fewer.get(i));
        out.twin.add(twin.get(i));
      }
    }
    return out;
  }

  /**
   * Probe row {@code r}'s score for its own entry with one more of the entry's phrasings left out,
   * once per phrasing (not the question+answer row) other than {@code r}: the leave-two-out side
   * of the extrapolation.
   *
   * @param probe row {@code r} as the calibration asks it (mapped when the route maps its queries, {@link QueryAdapter})
   */
  static float[] fewerPhrasings(float[] probe, int r, List<Integer> entryRows, List<float[]> rows,
      List<SemanticIndex.RowSource> sources) {
    float[] cos = new float[entryRows.size()];
    for (int i = 0; i < cos.length; i++) {
      cos[i] = Vectors.dot(probe, rows.get(entryRows.get(i)), 0);
    }
    List<Float> out = new ArrayList<>();
    for (int j = 0; j < cos.length; j++) {
      int left = entryRows.get(j);
      if (left == r || sources.get(left).question() < 0) {
        continue;
      }
      float best = -1;
      for (int i = 0; i < cos.length; i++) {
        if (i != j && entryRows.get(i) != r) {
          best = Math.max(best, cos[i]);
        }
      }
      out.add(best);
    }
    float[] fewer = new float[out.size()];
    for (int i = 0; i < fewer.length; i++) {
      fewer[i] = out.get(i);
    }
    return fewer;
  }

  /** As arrays, for the fit's grid. */
  Counted counted() {
    return new Counted(this);
  }

  /** Right and wrong answers of the positives under some thresholds, extrapolated (see the class comment). */
  record Count(double right, double wrong) {}

  /** The positives as parallel arrays (the grid asks 4 141 times per group). */
  static final class Counted {
    private final double[] best1;
    private final double[] lead1;
    private final boolean[] right1;
    private final boolean[] sibling1;
    private final double[] best2;
    private final double[] lead2;
    private final boolean[] right2;
    private final boolean[] sibling2;
    private final double[] weight2;
    private final boolean extrapolate;

    private Counted(Positives p) {
      extrapolate = p.extrapolate;
      best1 = new double[p.one.size()];
      lead1 = new double[best1.length];
      right1 = new boolean[best1.length];
      sibling1 = new boolean[best1.length];
      for (int i = 0; i < best1.length; i++) {
        best1[i] = p.one.get(i).best();
        lead1[i] = p.one.get(i).lead();
        right1[i] = p.one.get(i).right();
        sibling1[i] = p.one.get(i).sibling();
      }
      int n = p.fewer.stream().mapToInt(List::size).sum();
      best2 = new double[n];
      lead2 = new double[n];
      right2 = new boolean[n];
      sibling2 = new boolean[n];
      weight2 = new double[n];
      int j = 0;
      for (List<Calibration.Probe> variants : p.fewer) {
        for (Calibration.Probe v : variants) {
          best2[j] = v.best();
          lead2[j] = v.lead();
          right2[j] = v.right();
          sibling2[j] = v.sibling();
          weight2[j] = 1.0 / variants.size();
          j++;
        }
      }
    }

    /** Under the plain rule: cosine at least {@code answer}, lead at least {@code margin}. */
    Count count(double answer, double margin) {
      return count(new Thresholds(Math.max(answer, -1), margin, -1));
    }

    Count count(Thresholds t) {
      double r1 = 0;
      double w1 = 0;
      for (int i = 0; i < best1.length; i++) {
        if (t.answers(best1[i], lead1[i], sibling1[i])) {
          if (right1[i]) {
            r1++;
          } else {
            w1++;
          }
        }
      }
      if (!extrapolate) {
        return new Count(r1, w1);
      }
      double r2 = 0;
      double w2 = 0;
      for (int i = 0; i < best2.length; i++) {
        if (t.answers(best2[i], lead2[i], sibling2[i])) {
          if (right2[i]) {
            r2 += weight2[i];
          } else {
            w2 += weight2[i];
          }
        }
      }
      return new Count(2 * r1 - r2, Math.max(0, 2 * w1 - w2));
    }
  }
}
