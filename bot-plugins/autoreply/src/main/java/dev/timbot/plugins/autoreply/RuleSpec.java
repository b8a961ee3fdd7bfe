package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule: exactly one way to match — {@code exact} texts, {@code keywords}, a {@code regex}
 * (its groups usable in the reply), or a message {@code type} ("any image") — a {@code priority}
 * (higher first) and a {@code reply}.
 */
public record RuleSpec(
    @JsonProperty("id") String id,
    @JsonProperty("priority") int priority,
    @JsonProperty("exact") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> exact,
    @JsonProperty("keywords") KeywordSpec keywords,
    @JsonProperty("regex") String regex,
    @JsonProperty("type") String type,
    @JsonProperty("reply") ReplySpec reply) {
  /** Message types a rule may name. */
  public static final Set<String> TYPES =
      Set.of("text", "image", "file", "sound", "video", "face", "location", "custom");

  public RuleSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("every rule needs an id");
    }
    int kinds = (exact != null ? 1 : 0) + (keywords != null ? 1 : 0) + (regex != null ? 1 : 0)
        + (type != null ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          "rule '" + id + "' needs exactly one of exact, keywords, regex, type");
    }
    if (regex != null) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("rule '" + id + "' has an invalid regex: " + e.getDescription());
      }
    }
    if (type != null && !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("rule '" + id + "' has unknown type '" + type + "'; one of " + TYPES);
    }
    if (reply == null) {
      throw new IllegalArgumentException("rule '" + id + "' needs a reply");
    }
    exact = exact == null ? null : List.copyOf(exact);
  }
}
