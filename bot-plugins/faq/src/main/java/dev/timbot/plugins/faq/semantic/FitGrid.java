package dev.timbot.plugins.faq.semantic;

/**
 * The candidate (answer, margin) pairs of a {@link Calibration} fit, as parallel arrays, each with
 * the right answers it gives among one group of positives and that group's share of the mixed
 * false-answer rate. Answer thresholds ascend in steps of {@link #STEP}; for each, the margins
 * 0, {@link #STEP}, … in {@link #MARGINS} steps: point {@code a · MARGINS + m}. Grids of disjoint
 * probe groups built over the same answer range line up point by point, so their counts add.
 */
final class FitGrid {
  static final double STEP = 0.005;
  /** Margins per answer threshold: 0 to 0.2. */
  static final int MARGINS = 41;
  private static final int SIZE = 102 * MARGINS;
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
