package dev.timbot.plugins.faq.semantic;

/**
 * The fit with a margin of its own for probes whose runner-up is a declared sibling of the best
 * entry ({@link Siblings}): one answer threshold, and the (margin, sibling margin) pair that answers
 * the most positives while the two groups' false-answer shares together stay within the budget.
 * One margin for all probes is a compromise between siblings (the entries customers confuse: the
 * KB's author listed them) and entries close only by chance. Apart, each group gets the margin its
 * own probes call for: where siblings are confused, a wider one, and a sibling closer than that gets
 * a clarifying question naming both ("debit or credit card?"); where the KB tells its siblings apart
 * well, possibly a narrower one. Both come from the KB's own probes, redone on every load; a KB
 * without {@code related} lists has no sibling probes and gets the single margin.
 */
final class SiblingFit {
  private SiblingFit() {}

  /**
   * @param others the grid over probes whose runner-up is no declared sibling
   * @param siblings the grid over the rest, built over the same answer range
   * @param suggest the suggest threshold; with {@code answerFloor} no answer threshold is below it
   * @return the best thresholds (lead weight 0), or {@code null} when no point keeps within the budget
   */
  static Thresholds fit(FitGrid others, FitGrid siblings, double falseBudget, double suggest, boolean answerFloor) {
    if (others.size() != siblings.size()) {
      throw new IllegalArgumentException("grids over different ranges: " + others.size() + " vs " + siblings.size());
    }
    int bestO = -1;
    int bestS = -1;
    double bestRight = -1;
    double bestFalse = 0;
    for (int base = 0; base < others.size(); base += FitGrid.MARGINS) {
      for (int o = base; o < base + FitGrid.MARGINS; o++) {
        // Sibling margins nearest the other margin first: among equally good points the groups stay
        // together (a KB without declared siblings keeps one margin).
        for (int k = 0; k < 2 * FitGrid.MARGINS; k++) {
          int s = o + ((k & 1) == 0 ? k / 2 : -(k + 1) / 2);
          if (s < base || s >= base + FitGrid.MARGINS) {
            continue;
          }
          double falseRate = others.falseRate[o] + siblings.falseRate[s];
          if (falseRate > falseBudget) {
            continue;
          }
          double right = others.right[o] + siblings.right[s];
          if (right > bestRight || (right == bestRight && falseRate < bestFalse)) {
            bestRight = right;
            bestFalse = falseRate;
            bestO = o;
            bestS = s;
          }
        }
      }
    }
    if (bestO < 0) {
      return null;
    }
    double answer = others.answer[bestO];
    return answerFloor
        ? new Thresholds(Math.max(answer, suggest), others.margin[bestO], suggest, 0, siblings.margin[bestS])
        : new Thresholds(answer, others.margin[bestO], Math.min(suggest, answer), 0, siblings.margin[bestS]);
  }
}
