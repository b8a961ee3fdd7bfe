package dev.timbot.spi;

import java.time.Instant;

/**
 * The answer to a C2C send: {@code MsgKey} (to recall it), the server time, the {@code MsgId}
 * when the service returns one, and the seq/random actually used.
 */
public record SendResult(String msgKey, Instant msgTime, String msgId, long msgSeq, long msgRandom) {}
