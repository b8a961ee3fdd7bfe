package dev.timbot.plugins.faq;

/**
 * One ranked candidate entry.
 *
 * @param entry the matched entry
 * @param question the entry's phrasing that matched best
 * @param score the normalised confidence, 0..1 (see {@link FaqEngine} for how it is normalised)
 * @param rawScore Lucene's BM25 score of the best-matching phrasing
 */
public record FaqMatch(FaqEntry entry, String question, double score, double rawScore) {

  public String entryId() {
    return entry.id();
  }
}
