package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Keyword match: the text contains any of {@code any}, and all of {@code all} (case-insensitive). */
public record KeywordSpec(@JsonProperty("any") List<String> any, @JsonProperty("all") List<String> all) {
  public KeywordSpec {
    any = any == null ? List.of() : List.copyOf(any);
    all = all == null ? List.of() : List.copyOf(all);
    if (any.isEmpty() && all.isEmpty()) {
      throw new IllegalArgumentException("keywords needs 'any' or 'all'");
    }
  }
}
