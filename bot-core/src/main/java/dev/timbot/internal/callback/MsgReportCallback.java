package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code C2C.CallbackAfterMsgReport}: {@code Report_Account} read {@code Peer_Account}'s messages. */
@JsonPropertyOrder({
  "CallbackCommand", "Report_Account", "Peer_Account", "LastReadTime", "UnreadMsgNum", "EventTime"
})
public record MsgReportCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("Report_Account") String reportAccount,
    @JsonProperty("Peer_Account") String peerAccount,
    @JsonProperty("LastReadTime") long lastReadTime,
    @JsonProperty("UnreadMsgNum") Integer unreadMsgNum,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {}
