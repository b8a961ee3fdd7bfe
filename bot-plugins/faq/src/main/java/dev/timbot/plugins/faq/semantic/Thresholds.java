package dev.timbot.plugins.faq.semantic;

import java.util.Locale;

/**
 * When the semantic decision answers, asks, suggests or gives up, in cosine units of one model.
 *
 * @param answer the best entry's cosine must reach this to answer (or to ask a clarifying question)
 * @param margin the best entry must lead the next by at least this much to be answered; closer
 *     candidates above {@code answer} get a clarifying question that names them
 * @param suggest below this even the best entry is not worth offering: "I don't know"
 */
public record Thresholds(double answer, double margin, double suggest) {

  public Thresholds {
    if (!(suggest <= answer)) {
      throw new IllegalArgumentException("suggest threshold " + suggest + " above answer threshold " + answer);
    }
    if (margin < 0) {
      throw new IllegalArgumentException("margin must be >= 0: " + margin);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "answer>=%.3f margin>=%.3f suggest>=%.3f", answer, margin, suggest);
  }
}
