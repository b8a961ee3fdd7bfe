package dev.timbot.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Bot.OnC2CMessage} callback body whose identity (MsgSeq, MsgKey, MsgId, text) and sender
 * are rewritten in place for every message. Each message is distinct, so the bot's dedupe never
 * short-circuits, and producing it allocates nothing, so {@code -prof gc} sees only the bot.
 *
 * <p>Numbers are right-aligned in spaces (JSON forbids leading zeros, but allows whitespace);
 * strings carry zero-padded digits.
 */
public final class CallbackTemplate {
  static final int SEQ_DIGITS = 12;
  static final int USER_DIGITS = 4;
  private static final String SEQ = "#".repeat(SEQ_DIGITS);
  private static final String NUM = "%".repeat(SEQ_DIGITS);
  private static final String USER = "@".repeat(USER_DIGITS);

  private final byte[] buf;
  private final int[] zeroPadded;
  private final int[] spacePadded;
  private final int[] userSlots;

  /**
   * @param userPrefix senders are {@code userPrefix + 4 digits}
   * @param bot the bot account ({@code To_Account})
   */
  public CallbackTemplate(String userPrefix, String bot) {
    long now = System.currentTimeMillis() / 1000;
    String json = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"" + userPrefix + USER
        + "\",\"To_Account\":\"" + bot + "\",\"MsgSeq\":" + NUM + ",\"MsgRandom\":4242,\"MsgTime\":" + now
        + ",\"MsgKey\":\"" + SEQ + "_4242_" + now + "\",\"MsgId\":\"144115-" + now + "-" + SEQ
        + "\",\"OnlineOnlyFlag\":0,\"SendMsgResult\":0,\"ErrorInfo\":\"send msg succeed\",\"UnreadMsgNum\":1,"
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hello there, message " + SEQ
        + "\"}}],\"CloudCustomData\":\"\",\"EventTime\":" + now * 1000 + "}";
    this.buf = json.getBytes(StandardCharsets.UTF_8);
    this.zeroPadded = find(json, SEQ);
    this.spacePadded = find(json, NUM);
    this.userSlots = find(json, USER);
  }

  /** Writes message {@code seq} from user {@code user} and returns the (reused) buffer. */
  public byte[] render(long seq, int user) {
    for (int at : zeroPadded) {
      digits(seq, at, SEQ_DIGITS, (byte) '0');
    }
    for (int at : spacePadded) {
      digits(seq, at, SEQ_DIGITS, (byte) ' ');
    }
    for (int at : userSlots) {
      digits(user, at, USER_DIGITS, (byte) '0');
    }
    return buf;
  }

  private void digits(long value, int at, int width, byte pad) {
    long v = value;
    for (int i = at + width - 1; i >= at; i--) {
      if (v == 0 && i != at + width - 1) {
        buf[i] = pad;
      } else {
        buf[i] = (byte) ('0' + v % 10);
        v /= 10;
      }
    }
    if (v != 0) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " digits");
    }
  }

  private static int[] find(String s, String slot) {
    List<Integer> at = new ArrayList<>();
    for (int i = s.indexOf(slot); i >= 0; i = s.indexOf(slot, i + slot.length())) {
      at.add(s.substring(0, i).getBytes(StandardCharsets.UTF_8).length);
    }
    return at.stream().mapToInt(Integer::intValue).toArray();
  }
}
