package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/** The reply when nothing else answered, sent at most once per {@code interval} per user. */
public record FallbackSpec(ReplySpec reply, Duration interval) {
  @JsonCreator
  public FallbackSpec(
      @JsonProperty("reply") ReplySpec reply, @JsonProperty("interval") String interval) {
    this(reply, interval == null ? Duration.ofMinutes(10) : dev.timbot.BotConfig.duration(interval));
  }

  public FallbackSpec {
    if (reply == null) {
      throw new IllegalArgumentException("fallback.reply is required");
    }
  }
}
