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
 * @param siblingMargin the margin instead of {@code margin} when the runner-up is a declared sibling
 *     of the best entry (its {@code related} list names it, or it names the best): closer siblings
 *     get a clarifying question that names them. Equal to {@code margin} unless fitted apart
 *     ({@link Calibration}).
 */
public record Thresholds(double answer, double margin, double suggest, double leadWeight, double siblingMargin) {

  public Thresholds {
    if (!(suggest <= answer)) {
      throw new IllegalArgumentException("suggest threshold " + suggest + " above answer threshold " + answer);
    }
    if (margin < 0) {
      throw new IllegalArgumentException("margin must be >= 0: " + margin);
    }
    if (!(siblingMargin >= 0)) {
      throw new IllegalArgumentException("sibling margin must be >= 0: " + siblingMargin);
    }
    if (!(leadWeight >= 0)) {
      throw new IllegalArgumentException("lead weight must be >= 0: " + leadWeight);
    }
  }

  /** The plain rule (no lead weight), one margin for every runner-up. */
  public Thresholds(double answer, double margin, double suggest) {
    this(answer, margin, suggest, 0);
  }

  /** One margin for every runner-up. */
  public Thresholds(double answer, double margin, double suggest, double leadWeight) {
    this(answer, margin, suggest, leadWeight, margin);
  }

  /** Whether a best cosine {@code best} leading a runner-up that is no declared sibling by {@code lead} is answered. */
  public boolean answers(double best, double lead) {
    return answers(best, lead, false);
  }

  /**
   * Whether a best cosine {@code best} leading the runner-up by {@code lead} is answered;
   * {@code sibling}: the runner-up is a declared sibling of the best entry.
   */
  public boolean answers(double best, double lead, boolean sibling) {
    double m = marginFor(sibling);
    return best >= suggest && lead >= m && best + leadWeight * (lead - m) >= answer;
  }

  /** The margin that applies to a runner-up that is ({@code true}) or is not a declared sibling. */
  public double marginFor(boolean sibling) {
    return sibling ? siblingMargin : margin;
  }

  /** This with another lead weight. */
  public Thresholds withLeadWeight(double w) {
    return new Thresholds(answer, margin, suggest, w, siblingMargin);
  }

  @Override
  public String toString() {
    String s = String.format(Locale.ROOT, "answer>=%.3f margin>=%.3f suggest>=%.3f", answer, margin, suggest);
    if (siblingMargin != margin) {
      s += String.format(Locale.ROOT, " siblingMargin>=%.3f", siblingMargin);
    }
    return leadWeight == 0 ? s : s + String.format(Locale.ROOT, " leadWeight=%.2f", leadWeight);
  }
}
