package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Opening hours as written in YAML: {@code zone} (e.g. Asia/Shanghai), {@code weekly} (day or
 * day range → {@code "09:00-18:00"}, several ranges separated by commas, or {@code closed}),
 * {@code holidays} (ISO dates, closed all day) and the {@code outOfHours} reply.
 */
public record WorkingHoursSpec(
    @JsonProperty("zone") String zone,
    @JsonProperty("weekly") Map<String, String> weekly,
    @JsonProperty("holidays") List<String> holidays,
    @JsonProperty("outOfHours") ReplySpec outOfHours) {
  public WorkingHoursSpec {
    if (weekly == null || weekly.isEmpty()) {
      throw new IllegalArgumentException("workingHours.weekly is required");
    }
    if (outOfHours == null) {
      throw new IllegalArgumentException("workingHours.outOfHours reply is required");
    }
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    weekly = Map.copyOf(weekly);
  }
}
