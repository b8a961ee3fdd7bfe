package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The reply when nothing else answered. Every such message gets one: {@code reply} the first
 * time, then {@code repeat} (default: {@code reply} again) for further misses within {@code
 * interval} — a customer is never met with silence.
 */
public record FallbackSpec(ReplySpec reply, ReplySpec repeat, Duration interval) {
  @JsonCreator
  public FallbackSpec(
      @JsonProperty("reply") ReplySpec reply, @JsonProperty("repeat") ReplySpec repeat,
      @JsonProperty("interval") String interval) {
    this(reply, repeat, interval == null ? Duration.ofMinutes(10) : dev.timbot.BotConfig.duration(interval));
  }

  public FallbackSpec {
    if (reply == null) {
      throw new IllegalArgumentException("fallback.reply is required");
    }
    repeat = repeat == null ? reply : repeat;
  }
}
