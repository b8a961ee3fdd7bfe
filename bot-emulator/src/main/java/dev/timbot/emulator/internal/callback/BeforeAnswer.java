package dev.timbot.emulator.internal.callback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a before-send callback decided. {@link Verdict#ALLOW} may carry replacement {@code
 * MsgBody} / {@code CloudCustomData}; {@link Verdict#REJECT} carries the code to give the sender.
 */
public record BeforeAnswer(Verdict verdict, int errorCode, String errorInfo, JsonNode msgBody, String cloudCustomData) {
  public enum Verdict {
    ALLOW,
    REJECT,
    DROP
  }

  /** The answer used when callbacks are off, forbidden, or the target failed: deliver as sent. */
  public static BeforeAnswer allow() {
    return new BeforeAnswer(Verdict.ALLOW, 0, "", null, null);
  }
}
