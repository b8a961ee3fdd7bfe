package dev.timbot.internal.dispatch;

import java.util.regex.Pattern;

/**
 * What the {@link DispatchPlan} knows about a handler's matcher, so it can rule most handlers
 * out from facts computed once per message without running the matcher (and without allocating
 * a "no match" answer). A hint may only ever say "cannot match" when the matcher would say so.
 */
public sealed interface MatchHint {
  /** Nothing known: the matcher always runs. */
  MatchHint OPAQUE = new Opaque(0);

  /**
   * Needs at least one element whose type is in {@code mask} ({@link DispatchPlan#typeBit});
   * {@code exact} when having it is all the matcher checks (then the plan answers {@code YES}).
   */
  record Types(int mask, boolean exact) implements MatchHint {}

  /** The command {@code name}: the first word after the command prefix. */
  record Command(String name) implements MatchHint {}

  /** A keyword, lower-cased, that must occur in the lower-cased text. */
  record Keyword(String lower) implements MatchHint {}

  /** A regex that must be found in the text. */
  record Regex(Pattern pattern) implements MatchHint {}

  /** A predicate or decoder the plan cannot see into; {@code mask} elements it needs, or 0 for none. */
  record Opaque(int mask) implements MatchHint {}
}
