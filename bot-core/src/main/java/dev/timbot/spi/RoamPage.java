package dev.timbot.spi;

import java.time.Instant;
import java.util.List;

/** One page of {@code admin_getroammsg}; {@code complete} is true on the last page. */
public record RoamPage(
    boolean complete, Instant lastMsgTime, String lastMsgKey, List<RoamMessage> messages) {
  public RoamPage {
    messages = List.copyOf(messages);
  }
}
