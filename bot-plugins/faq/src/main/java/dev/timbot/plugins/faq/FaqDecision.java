package dev.timbot.plugins.faq;

/** What the bot should do with a question. */
public enum FaqDecision {
  /** Confident: reply with the best entry's answer. */
  ANSWER,
  /** Plausible candidates but no clear winner: offer them ("did you mean …"). */
  SUGGEST,
  /** Nothing relevant: let the next plugin (fallback, human hand-off) act. */
  NONE
}
