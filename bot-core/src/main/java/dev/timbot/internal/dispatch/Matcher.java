package dev.timbot.internal.dispatch;

/** Decides whether one handler wants a message, and says why not. */
@FunctionalInterface
public interface Matcher {
  Match match(MatchInput in);
}
