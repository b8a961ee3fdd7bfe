package dev.timbot.spi;

import dev.timbot.message.Message;

/**
 * A message from the roaming history, with its flags: {@code MsgFlagBits} 8 means recalled;
 * {@code IsPeerRead} says whether the peer has read it.
 */
public record RoamMessage(Message message, int msgFlagBits, boolean peerRead) {
  public static final int FLAG_RECALLED = 8;

  public boolean recalled() {
    return (msgFlagBits & FLAG_RECALLED) != 0;
  }
}
