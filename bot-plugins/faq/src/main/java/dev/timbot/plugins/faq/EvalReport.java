package dev.timbot.plugins.faq;

import java.util.List;
import java.util.Locale;

/**
 * The result of running an evaluation file through an engine.
 *
 * @param total all cases
 * @param inScope cases with an expected entry
 * @param top1Correct in-scope cases whose best-ranked entry is the expected one (any decision)
 * @param answeredCorrectly in-scope cases answered directly with the expected entry
 * @param notAnswered in-scope cases that got SUGGEST or NONE
 * @param suggestedCorrectly of those, cases whose suggestions contain the expected entry
 * @param falseAnswers answers to out-of-scope cases plus answers with the wrong entry
 * @param misses every case that was not handled ideally, for the KB owner to look at
 */
public record EvalReport(
    int total,
    int inScope,
    int top1Correct,
    int answeredCorrectly,
    int notAnswered,
    int suggestedCorrectly,
    int falseAnswers,
    List<Miss> misses) {

  /** One case that went wrong, with what the engine did instead. */
  public record Miss(EvalCase evalCase, FaqResult result, String kind) {}

  public EvalReport {
    misses = List.copyOf(misses);
  }

  public double top1Accuracy() {
    return ratio(top1Correct, inScope);
  }

  public double directAnswerRate() {
    return ratio(answeredCorrectly, inScope);
  }

  public double suggestionRecall() {
    return ratio(suggestedCorrectly, notAnswered);
  }

  /** Over all queries, in-scope and out-of-scope alike. */
  public double falseAnswerRate() {
    return ratio(falseAnswers, total);
  }

  private static double ratio(int n, int d) {
    return d == 0 ? 0 : (double) n / d;
  }

  /** The four headline lines, in the format the CLI prints. */
  public String summary() {
    return String.format(Locale.ROOT,
        "top-1 accuracy: %.1f%%%ndirect answer rate: %.1f%%%nsuggestion recall: %.1f%%%nfalse-answer rate: %.1f%%%n",
        100 * top1Accuracy(), 100 * directAnswerRate(), 100 * suggestionRecall(), 100 * falseAnswerRate());
  }
}
