package dev.timbot.plugins.faq;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timbot.ConfigSection;
import dev.timbot.BotConfig;
import java.time.Duration;

/**
 * The {@code faq:} section.
 *
 * <pre>
 * faq:
 *   kb: data/faq/shop-faq.yaml          # YAML or CSV; re-read when it changes
 *   poll: 2s
 *   answerThreshold: 0.45               # FaqConfig defaults
 *   answerMargin: 0.15
 *   suggestThreshold: 0.25
 *   maxSuggestions: 3
 *   suggestionTimeout: 2m               # how long a "did you mean" list waits for a number
 *   unansweredLog: data/faq-unanswered.jsonl   # "none" turns it off
 *   operators: [ops1]                   # may send /faq-reload (agents of the service plugin may too)
 * </pre>
 */
@ConfigSection("faq")
public record FaqSettings(
    @JsonProperty("kb") String kb,
    @JsonProperty("poll") String poll,
    @JsonProperty("answerThreshold") Double answerThreshold,
    @JsonProperty("answerMargin") Double answerMargin,
    @JsonProperty("suggestThreshold") Double suggestThreshold,
    @JsonProperty("maxSuggestions") Integer maxSuggestions,
    @JsonProperty("suggestionTimeout") String suggestionTimeout,
    @JsonProperty("unansweredLog") String unansweredLog,
    @JsonProperty("operators") java.util.List<String> operators) {

  public FaqSettings {
    if (kb == null || kb.isBlank()) {
      throw new IllegalArgumentException("kb is required: the knowledge base file (YAML or CSV)");
    }
    unansweredLog = unansweredLog == null ? "data/faq-unanswered.jsonl" : unansweredLog;
    operators = operators == null ? java.util.List.of() : java.util.List.copyOf(operators);
  }

  /** The engine thresholds, defaults where unset. */
  public FaqConfig engineConfig() {
    FaqConfig d = FaqConfig.defaults();
    return new FaqConfig(
        answerThreshold == null ? d.answerThreshold() : answerThreshold,
        answerMargin == null ? d.answerMargin() : answerMargin,
        suggestThreshold == null ? d.suggestThreshold() : suggestThreshold,
        maxSuggestions == null ? d.maxSuggestions() : maxSuggestions);
  }

  public Duration pollInterval() {
    return BotConfig.duration(poll, Duration.ofSeconds(2));
  }

  public Duration suggestionWait() {
    return BotConfig.duration(suggestionTimeout, Duration.ofMinutes(2));
  }
}
