package dev.timbot.plugins.autoreply;

import java.util.Map;

/** A rule that matched, with its regex captures (by number and by name). */
public record RuleMatch(RuleSpec rule, Map<String, String> captures) {
  public RuleMatch {
    captures = Map.copyOf(captures);
  }
}
