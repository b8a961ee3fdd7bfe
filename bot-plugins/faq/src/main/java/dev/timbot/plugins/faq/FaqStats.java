package dev.timbot.plugins.faq;

import java.util.concurrent.atomic.LongAdder;

/**
 * Hit-rate counters: how many queries were answered, got suggestions, or found nothing, and how
 * many suggestions users then picked. Plain counters, so the plugin works without a metrics
 * library; {@link FaqMeters} exposes them to Micrometer when one is present.
 */
public final class FaqStats {
  private final LongAdder answered = new LongAdder();
  private final LongAdder suggested = new LongAdder();
  private final LongAdder none = new LongAdder();
  private final LongAdder suggestionPicked = new LongAdder();

  public void record(FaqResult result) {
    switch (result.decision()) {
      case ANSWER -> answered.increment();
      case SUGGEST, CLARIFY -> suggested.increment();
      case NONE -> none.increment();
    }
  }

  /** A user picked one of the offered suggestions (multi-turn "reply with a number"). */
  public void recordSuggestionPicked() {
    suggestionPicked.increment();
  }

  public long answered() {
    return answered.sum();
  }

  public long suggested() {
    return suggested.sum();
  }

  public long none() {
    return none.sum();
  }

  public long suggestionPicked() {
    return suggestionPicked.sum();
  }

  public long total() {
    return answered() + suggested() + none();
  }

  /** Share of queries answered directly, 0 when nothing was asked yet. */
  public double hitRate() {
    long total = total();
    return total == 0 ? 0 : (double) answered() / total;
  }
}
