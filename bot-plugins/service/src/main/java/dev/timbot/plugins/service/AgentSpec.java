package dev.timbot.plugins.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An agent from config: the IM account, its skill groups, and how many customers at once. */
public record AgentSpec(
    @JsonProperty("id") String id,
    @JsonProperty("groups") List<String> groups,
    @JsonProperty("maxConcurrent") Integer maxConcurrent) {
  public AgentSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("every agent needs an id (its IM account)");
    }
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public static AgentSpec of(String id, String... groups) {
    return new AgentSpec(id, List.of(groups), null);
  }
}
