package dev.timbot.plugins.faq;

/**
 * Decision thresholds. Scores are normalised to 0..1 (see {@link FaqEngine}), so the same
 * numbers work for a 60-entry KB and a 10 000-entry one.
 *
 * @param answerThreshold the best score must reach this to answer directly
 * @param answerMargin the best score must beat the second-best entry by this fraction of itself,
 *     e.g. 0.2 means {@code second <= 0.8 * best}; two near-equal candidates are suggested instead
 * @param suggestThreshold candidates below this are not worth suggesting; if even the best is
 *     below it the decision is {@link FaqDecision#NONE}
 * @param maxSuggestions how many "did you mean" candidates to offer, 1 to {@value #MAX_SUGGESTIONS}
 */
public record FaqConfig(
    double answerThreshold, double answerMargin, double suggestThreshold, int maxSuggestions) {

  /** The most suggestions a list may offer: a reply picks one by a single digit, 1…9. */
  public static final int MAX_SUGGESTIONS = 9;

  /** Tuned on the shipped shop KB and case file. */
  public static final FaqConfig DEFAULTS = new FaqConfig(0.45, 0.15, 0.25, 3);

  public FaqConfig {
    if (!(answerThreshold > 0 && answerThreshold <= 1)) {
      throw new IllegalArgumentException("answerThreshold must be in (0, 1]: " + answerThreshold);
    }
    if (!(answerMargin >= 0 && answerMargin < 1)) {
      throw new IllegalArgumentException("answerMargin must be in [0, 1): " + answerMargin);
    }
    if (!(suggestThreshold > 0 && suggestThreshold <= answerThreshold)) {
      throw new IllegalArgumentException(
          "suggestThreshold must be in (0, answerThreshold]: " + suggestThreshold);
    }
    // The customer picks a suggestion by replying one digit (DidYouMean.pick), so a tenth could not be picked.
    if (maxSuggestions < 1 || maxSuggestions > MAX_SUGGESTIONS) {
      throw new IllegalArgumentException("maxSuggestions must be in [1, " + MAX_SUGGESTIONS
          + "] (a suggestion is picked by replying one digit): " + maxSuggestions);
    }
  }

  public static FaqConfig defaults() {
    return DEFAULTS;
  }

  public FaqConfig withAnswerThreshold(double v) {
    return new FaqConfig(v, answerMargin, Math.min(suggestThreshold, v), maxSuggestions);
  }

  public FaqConfig withAnswerMargin(double v) {
    return new FaqConfig(answerThreshold, v, suggestThreshold, maxSuggestions);
  }

  public FaqConfig withSuggestThreshold(double v) {
    return new FaqConfig(answerThreshold, answerMargin, v, maxSuggestions);
  }

  public FaqConfig withMaxSuggestions(int v) {
    return new FaqConfig(answerThreshold, answerMargin, suggestThreshold, v);
  }
}
