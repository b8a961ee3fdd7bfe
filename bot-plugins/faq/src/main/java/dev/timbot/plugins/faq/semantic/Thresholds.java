package dev.timbot.plugins.faq.semantic;

import java.util.Locale;

/**
 * When the semantic decision answers, asks, suggests or gives up, in cosine units of one model.
 *
 * <p>A query is answered when {@code best + leadWeight × (lead − margin) >= answer},
 * {@code lead >= margin} and {@code best >= suggest} (a lead never answers what is not even worth
 * suggesting), where {@code lead} is the best entry's cosine minus the runner-up's:
 * with a lead weight, a lead beyond the margin makes up for a moderate cosine. With
 * {@code leadWeight} 0 this is the plain rule: cosine at least {@code answer}, lead at least
 * {@code margin}; a weight only ever answers more.
 *
 * @param answer the best entry's cosine must reach this to answer (or to ask a clarifying question)
 * @param margin the best entry must lead the next by at least this much to be answered; closer
 *     candidates above {@code answer} get a clarifying question that names them
 * @param suggest below this even the best entry is not worth offering: "I don't know"
 * @param leadWeight how much of the lead beyond the margin counts towards {@code answer} (0: none)
 */
public record Thresholds(double answer, double margin, double suggest, double leadWeight) {

  public Thresholds {
    if (!(suggest <= answer)) {
      throw new IllegalArgumentException("suggest threshold " + suggest + " above answer threshold " + answer);
    }
    if (margin < 0) {
      throw new IllegalArgumentException("margin must be >= 0: " + margin);
    }
    if (!(leadWeight >= 0)) {
      throw new IllegalArgumentException("lead weight must be >= 0: " + leadWeight);
    }
  }

  /** The plain rule (no lead weight). */
  public Thresholds(double answer, double margin, double suggest) {
    this(answer, margin, suggest, 0);
  }

  /** Whether a best cosine {@code best} leading the runner-up by {@code lead} is answered. */
  public boolean answers(double best, double lead) {
    return best >= suggest && lead >= margin && best + leadWeight * (lead - margin) >= answer;
  }

  /** This with another lead weight. */
  public Thresholds withLeadWeight(double w) {
    return new Thresholds(answer, margin, suggest, w);
  }

  @Override
  public String toString() {
    String s = String.format(Locale.ROOT, "answer>=%.3f margin>=%.3f suggest>=%.3f", answer, margin, suggest);
    return leadWeight == 0 ? s : s + String.format(Locale.ROOT, " leadWeight=%.2f", leadWeight);
  }
}
