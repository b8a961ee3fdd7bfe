package dev.timbot;

import dev.timbot.message.Conversation;
import dev.timbot.message.MessageElem;
import java.time.Instant;
import java.util.List;

/**
 * A message the bot sent: enough to recall it ({@code MsgKey} for C2C, {@code MsgSeq} for groups).
 *
 * @param conversation where it went
 * @param msgKey C2C {@code MsgKey}; null for group messages
 * @param msgSeq group {@code MsgSeq} (or the C2C sequence used)
 * @param time the service's time
 * @param elements what was sent, after outbound interceptors
 */
public record SentMessage(
    Conversation conversation, String msgKey, long msgSeq, Instant time, List<MessageElem> elements) {
  public SentMessage {
    elements = List.copyOf(elements);
  }
}
