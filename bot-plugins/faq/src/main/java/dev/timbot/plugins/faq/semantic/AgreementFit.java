package dev.timbot.plugins.faq.semantic;

import java.util.Arrays;

/**
 * The hybrid fit's search over two disjoint probe groups (BM25 agreeing with the embeddings, and
 * not): a grid point for each group, the most right answers over both while their false-answer
 * shares together stay within the budget (see {@link Calibration#fitHybrid}).
 */
final class AgreementFit {
  private AgreementFit() {}

  /**
   * @return the agreeing group's grid point and the other group's, or {@code null} when no pair keeps
   *     within the budget
   */
  static int[] best(FitGrid agreed, FitGrid disagreed, double falseBudget) {
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
    return bestA < 0 ? null : new int[] {bestA, bestD};
  }
}
