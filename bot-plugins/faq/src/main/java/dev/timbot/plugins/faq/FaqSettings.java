package dev.timbot.plugins.faq;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timbot.BotConfig;
import dev.timbot.ConfigSection;
import dev.timbot.plugins.faq.semantic.Thresholds;
import java.nio.file.Path;
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
 *   mode: hybrid                        # lexical (default: BM25 only, no model), semantic or hybrid
 *   dataDir: data/faq                   # vector cache and unpacked native libraries (writable)
 *   englishModel: true                  # English queries go to an English model (bge-small-en-v1.5)
 *   falseBudget: 0.06                   # false-answer rate the per-KB calibration aims at
 *   semanticThresholds: [0.76, 0.03, 0.6]  # answer, margin, suggest: overrides the calibration
 *   vectorsInBackground: true           # answer with BM25 while vectors are built
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
    @JsonProperty("operators") java.util.List<String> operators,
    @JsonProperty("mode") String mode,
    @JsonProperty("dataDir") String dataDir,
    @JsonProperty("englishModel") Boolean englishModel,
    @JsonProperty("falseBudget") Double falseBudget,
    @JsonProperty("semanticThresholds") java.util.List<Double> semanticThresholds,
    @JsonProperty("vectorsInBackground") Boolean vectorsInBackground) {

  public FaqSettings {
    if (kb == null || kb.isBlank()) {
      throw new IllegalArgumentException("kb is required: the knowledge base file (YAML or CSV)");
    }
    unansweredLog = unansweredLog == null ? "data/faq-unanswered.jsonl" : unansweredLog;
    operators = operators == null ? java.util.List.of() : java.util.List.copyOf(operators);
    if (semanticThresholds != null && semanticThresholds.size() != 3) {
      throw new IllegalArgumentException("semanticThresholds must be [answer, margin, suggest]: " + semanticThresholds);
    }
    semanticSettings(); // fail at start-up, not on the first message
  }

  /** Settings of the older shape (BM25 only). */
  public FaqSettings(String kb, String poll, Double answerThreshold, Double answerMargin, Double suggestThreshold,
      Integer maxSuggestions, String suggestionTimeout, String unansweredLog, java.util.List<String> operators) {
    this(kb, poll, answerThreshold, answerMargin, suggestThreshold, maxSuggestions, suggestionTimeout,
        unansweredLog, operators, null, null, null, null, null, null);
  }

  /** How embeddings are used; {@code mode} defaults to lexical so no model loads unless asked for. */
  public SemanticSettings semanticSettings() {
    Thresholds override = semanticThresholds == null ? null
        : new Thresholds(semanticThresholds.get(0), semanticThresholds.get(1), semanticThresholds.get(2));
    return new SemanticSettings(
        mode == null ? RetrievalMode.LEXICAL : RetrievalMode.parse(mode),
        Path.of(dataDir == null ? "data/faq" : dataDir),
        englishModel == null || englishModel,
        override,
        falseBudget == null ? SemanticSettings.DEFAULT_FALSE_BUDGET : falseBudget,
        vectorsInBackground == null || vectorsInBackground);
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
