package dev.timbot.plugins.faq;

import java.util.List;
import java.util.Optional;

/**
 * The answer to one query.
 *
 * @param query the text as the user sent it
 * @param decision answer, suggest, or none
 * @param ranked the best candidates, best first, one per entry (may be non-empty even for
 *     {@link FaqDecision#NONE}, which is what evaluation and the unanswered log need)
 * @param suggestions the "did you mean" list when the decision is {@link FaqDecision#SUGGEST},
 *     otherwise empty
 */
public record FaqResult(
    String query, FaqDecision decision, List<FaqMatch> ranked, List<FaqMatch> suggestions) {

  public FaqResult {
    ranked = List.copyOf(ranked);
    suggestions = List.copyOf(suggestions);
  }

  /** The best-ranked candidate, whatever the decision. */
  public Optional<FaqMatch> best() {
    return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
  }

  /** The id of the best-ranked candidate, or {@code null}. */
  public String bestEntryId() {
    return ranked.isEmpty() ? null : ranked.get(0).entryId();
  }

  /** The normalised score of the best candidate, or 0. */
  public double score() {
    return ranked.isEmpty() ? 0 : ranked.get(0).score();
  }

  /** The entry to reply with, present only when the decision is {@link FaqDecision#ANSWER}. */
  public Optional<FaqEntry> answer() {
    return decision == FaqDecision.ANSWER ? best().map(FaqMatch::entry) : Optional.empty();
  }
}
