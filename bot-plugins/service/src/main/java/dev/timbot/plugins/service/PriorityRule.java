package dev.timbot.plugins.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/** Queue priority 0–9 for customers whose account matches {@code account} (a regex). */
public record PriorityRule(@JsonProperty("account") String account, @JsonProperty("priority") int priority) {
  public PriorityRule {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("queue priority must be 0–9, got " + priority);
    }
    Pattern.compile(account);
  }
}
