package dev.timbot.internal.dispatch;

import dev.timbot.MatchTrace.Verdict;
import java.util.List;
import java.util.regex.MatchResult;

/** A matcher's answer: matched (verdict HANDLED, with what it captured) or why not. */
public record Match(
    Verdict verdict, String detail, List<String> args, String argText, MatchResult regex, Object payload) {

  public static final Match YES = new Match(Verdict.HANDLED, "", List.of(), "", null, null);

  public static Match no(Verdict verdict, String detail) {
    return new Match(verdict, detail, List.of(), "", null, null);
  }

  public static Match command(List<String> args, String argText) {
    return new Match(Verdict.HANDLED, "", List.copyOf(args), argText, null, null);
  }

  public static Match regex(MatchResult result) {
    return new Match(Verdict.HANDLED, "", List.of(), "", result, null);
  }

  public static Match payload(Object payload) {
    return new Match(Verdict.HANDLED, "", List.of(), "", null, payload);
  }

  public boolean matched() {
    return verdict == Verdict.HANDLED;
  }
}
