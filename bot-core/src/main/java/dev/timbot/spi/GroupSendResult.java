package dev.timbot.spi;

import java.time.Instant;

/**
 * The answer to {@code send_group_msg}. A zero {@code ErrorCode} does not guarantee delivery:
 * {@code MsgDropReason} ({@code MsgFreqCtrl}) says the service dropped it for the 40 msg/s
 * group limit.
 */
public record GroupSendResult(long msgSeq, Instant msgTime, String msgDropReason, long random) {
  public boolean dropped() {
    return msgDropReason != null && !msgDropReason.isEmpty();
  }
}
