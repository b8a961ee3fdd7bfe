package dev.timbot.emulator.internal.api;

import dev.timbot.message.MessageElem;
import java.util.List;

/**
 * One C2C send, from REST {@code sendmsg} or a console client.
 *
 * @param msgSeq null = the service picks one
 * @param store false for online-only messages ({@code MsgLifeTime 0} / {@code OnlineOnlyFlag 1})
 * @param hiddenFromSender {@code SyncOtherMachine 2}
 * @param clientPath a user's own client: blacklist and friendship apply, recall has a time limit
 */
public record C2cSend(
    String from,
    String to,
    Long msgSeq,
    long msgRandom,
    List<MessageElem> body,
    String cloudCustomData,
    boolean store,
    boolean hiddenFromSender,
    boolean countsUnread,
    boolean forbidBefore,
    boolean forbidAfter,
    String clientIp,
    String optPlatform,
    boolean clientPath,
    boolean needReadReceipt) {}
