package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code C2C.CallbackAfterMsgWithDraw}: a C2C message was recalled. */
@JsonPropertyOrder({
  "CallbackCommand", "From_Account", "To_Account", "MsgKey", "UnreadMsgNum", "EventTime"
})
public record MsgWithdrawCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("From_Account") String fromAccount,
    @JsonProperty("To_Account") String toAccount,
    @JsonProperty("MsgKey") String msgKey,
    @JsonProperty("UnreadMsgNum") Integer unreadMsgNum,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {

  /** The other side of the conversation, seen from the bot's account {@code self}. */
  public String peer(String self) {
    return self.equals(fromAccount) ? toAccount : fromAccount;
  }
}
