package dev.timbot.emulator;

import dev.timbot.message.MessageElem;
import java.util.List;

/**
 * A message as a logged-in user's client sees it (history and live deliveries).
 *
 * @param conversationId TIM SDK style: {@code C2C<peer>} or {@code GROUP<groupId>}
 * @param to C2C recipient; null for group messages
 * @param groupId the group; null for C2C
 * @param msgKey C2C {@code MsgKey}; null for group messages (identified by {@code msgSeq})
 * @param msgSeq C2C sender sequence or the group's sequence
 * @param time server time, UNIX seconds
 * @param recalled true once recalled (the body is then empty)
 * @param peerRead C2C only: the recipient has read it
 */
public record ClientMessage(
    String conversationId,
    String from,
    String to,
    String groupId,
    String msgKey,
    String msgId,
    long msgSeq,
    long msgRandom,
    long time,
    List<MessageElem> body,
    String cloudCustomData,
    boolean recalled,
    boolean peerRead) {

  public ClientMessage {
    body = body == null ? List.of() : List.copyOf(body);
  }

  public boolean isGroup() {
    return groupId != null;
  }
}
