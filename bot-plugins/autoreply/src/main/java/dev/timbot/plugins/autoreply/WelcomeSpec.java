package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The welcome message, sent on a user's first contact, again after {@code quietPeriod} without
 * messages, and whenever the client sends the customer-service "enter chat" trigger ({@code src 7}).
 */
public record WelcomeSpec(@JsonProperty("reply") ReplySpec reply, Duration quietPeriod) {
  @JsonCreator
  public WelcomeSpec(
      @JsonProperty("reply") ReplySpec reply, @JsonProperty("quietPeriod") String quietPeriod) {
    this(reply, quietPeriod == null ? Duration.ofHours(12) : dev.timbot.BotConfig.duration(quietPeriod));
  }

  public WelcomeSpec {
    if (reply == null) {
      throw new IllegalArgumentException("welcome.reply is required");
    }
  }
}
