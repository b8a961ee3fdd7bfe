package dev.timbot.spi;

import java.util.List;

/** {@code query_online_status}: the accounts answered, and those that failed ({@code ErrorList}). */
public record OnlineStatusResult(List<OnlineStatus> statuses, List<ItemResult> errors) {
  public OnlineStatusResult {
    statuses = List.copyOf(statuses);
    errors = List.copyOf(errors);
  }
}
