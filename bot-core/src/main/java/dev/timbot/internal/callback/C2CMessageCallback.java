package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import java.time.Instant;
import java.util.List;

/**
 * {@code C2C.CallbackBeforeSendMsg}, {@code C2C.CallbackAfterSendMsg} and {@code
 * Bot.OnC2CMessage}: one C2C message. Before-send callbacks have no {@code SendMsgResult}.
 */
@JsonPropertyOrder({
  "CallbackCommand", "From_Account", "To_Account", "MsgSeq", "MsgRandom", "MsgTime", "MsgKey",
  "MsgId", "OnlineOnlyFlag", "SendMsgResult", "ErrorInfo", "UnreadMsgNum", "MsgBody",
  "CloudCustomData", "EventTime"
})
public record C2CMessageCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("From_Account") String fromAccount,
    @JsonProperty("To_Account") String toAccount,
    @JsonProperty("MsgSeq") long msgSeq,
    @JsonProperty("MsgRandom") long msgRandom,
    @JsonProperty("MsgTime") long msgTime,
    @JsonProperty("MsgKey") String msgKey,
    @JsonProperty("MsgId") String msgId,
    @JsonProperty("OnlineOnlyFlag") Integer onlineOnlyFlag,
    @JsonProperty("SendMsgResult") Integer sendMsgResult,
    @JsonProperty("ErrorInfo") String errorInfo,
    @JsonProperty("UnreadMsgNum") Integer unreadMsgNum,
    @JsonProperty("MsgBody") List<MessageElem> msgBody,
    @JsonProperty("CloudCustomData") String cloudCustomData,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {

  public C2CMessageCallback {
    msgBody = msgBody == null ? List.of() : List.copyOf(msgBody);
  }

  /** True when the service reports the message as not delivered ({@code SendMsgResult != 0}). */
  public boolean failed() {
    return sendMsgResult != null && sendMsgResult != 0;
  }

  /**
   * The message as {@code self} sees it: the conversation is with the other party. For a message
   * between two other accounts (an observer's view), the conversation is with the sender.
   */
  /** The other side of the conversation, seen from the bot's account {@code self}. */
  public String peer(String self) {
    return fromAccount != null && fromAccount.equals(self) ? toAccount : fromAccount;
  }

  public Message toMessage(String self) {
    String peer = peer(self);
    return Message.builder()
        .conversation(Conversation.c2c(peer))
        .from(fromAccount)
        .to(toAccount)
        .msgKey(msgKey)
        .msgId(msgId)
        .msgSeq(msgSeq)
        .msgRandom(msgRandom)
        .time(Instant.ofEpochSecond(msgTime))
        .cloudCustomData(cloudCustomData)
        .elements(msgBody)
        .build();
  }
}
