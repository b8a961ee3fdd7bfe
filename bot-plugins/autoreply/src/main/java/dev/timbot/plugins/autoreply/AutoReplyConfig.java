package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The auto-reply plugin's YAML section. Every part is optional. */
public record AutoReplyConfig(
    @JsonProperty("rules") List<RuleSpec> rules,
    @JsonProperty("welcome") WelcomeSpec welcome,
    @JsonProperty("workingHours") WorkingHoursSpec workingHours,
    @JsonProperty("fallback") FallbackSpec fallback) {
  public AutoReplyConfig {
    rules = rules == null ? List.of() : List.copyOf(rules);
    long distinct = rules.stream().map(RuleSpec::id).distinct().count();
    if (distinct != rules.size()) {
      throw new IllegalArgumentException("rule ids must be unique");
    }
    if (workingHours != null) {
      WorkingHours.of(workingHours); // fail at load time, with the line, not at the first message
    }
  }

  public static AutoReplyConfig empty() {
    return new AutoReplyConfig(List.of(), null, null, null);
  }
}
