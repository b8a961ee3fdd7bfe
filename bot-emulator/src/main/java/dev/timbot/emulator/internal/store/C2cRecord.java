package dev.timbot.emulator.internal.store;

import dev.timbot.message.MessageElem;
import java.util.List;

/**
 * One stored C2C message. Identity fields are fixed; {@code recalled} and the body (which
 * {@code modify_c2c_msg} may overwrite) change under the {@link C2cStore} lock.
 *
 * @param serial store-wide insertion order, used for read marks and stable sorting
 * @param hiddenFromSender {@code SyncOtherMachine = 2}: not in the sender's roaming view
 * @param countsUnread false for {@code SendMsgControl: NoUnread} and history imports
 */
public record C2cRecord(
    long serial,
    String from,
    String to,
    long msgSeq,
    long msgRandom,
    long msgTime,
    String msgKey,
    String msgId,
    List<MessageElem> body,
    String cloudCustomData,
    boolean hiddenFromSender,
    boolean countsUnread,
    boolean recalled) {

  public C2cRecord {
    body = List.copyOf(body);
  }

  public C2cRecord asRecalled() {
    return new C2cRecord(serial, from, to, msgSeq, msgRandom, msgTime, msgKey, msgId, body,
        cloudCustomData, hiddenFromSender, countsUnread, true);
  }

  public C2cRecord withContent(List<MessageElem> newBody, String newCloudCustomData) {
    return new C2cRecord(serial, from, to, msgSeq, msgRandom, msgTime, msgKey, msgId, newBody,
        newCloudCustomData, hiddenFromSender, countsUnread, recalled);
  }

  /** The other party, seen from {@code user}. */
  public String peerOf(String user) {
    return user.equals(from) ? to : from;
  }

  /** {@code MsgFlagBits}: 8 once recalled. */
  public int msgFlagBits() {
    return recalled ? 8 : 0;
  }

  public boolean visibleTo(String user) {
    return !(hiddenFromSender && user.equals(from) && !user.equals(to));
  }
}
