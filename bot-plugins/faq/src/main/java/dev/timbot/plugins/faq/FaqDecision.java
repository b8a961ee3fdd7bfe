package dev.timbot.plugins.faq;

/** What the bot should do with a question. */
public enum FaqDecision {
  /** Confident: reply with the best entry's answer. */
  ANSWER,
  /** Plausible candidates but no clear winner: offer them ("did you mean …"). */
  SUGGEST,
  /**
   * Two or three close siblings, each a confident match: ask which one the customer means,
   * naming them; a number or a word of the reply picks one.
   */
  CLARIFY,
  /** Nothing relevant: let the next plugin (fallback, human hand-off) act. */
  NONE
}
