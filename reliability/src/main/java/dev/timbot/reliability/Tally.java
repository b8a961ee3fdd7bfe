package dev.timbot.reliability;

import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.LocalIm;
import dev.timbot.message.TextElem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the emulator's history says about the promises: for every acknowledged callback {@code
 * m<n>}, how many echo replies ({@code You said: m<n>}) the user got, and how many adjacent replies
 * within one second of a conversation stand in the wrong order: the reply to a message whose
 * callback was acknowledged before the other message was even sent comes second. (Callbacks
 * sent concurrently may reach the bot in either order; their replies may too.)
 *
 * @param acknowledged callbacks the bot answered with OK
 * @param unanswered acknowledged, never answered
 * @param duplicated answered more than once
 * @param outOfOrder adjacent same-second reply pairs whose messages came in the other order
 * @param sameSecondPairs adjacent reply pairs within one second
 */
public record Tally(int acknowledged, int answered, int unanswered, int duplicated, int outOfOrder,
    int sameSecondPairs) {
  private static final String PREFIX = "You said: m";

  public static Tally count(LocalIm im, String bot, int users, Set<Integer> acknowledged, Map<Integer, Long> sentAt,
      Map<Integer, Long> ackedAt) {
    Map<Integer, Integer> replies = new HashMap<>();
    int outOfOrder = 0;
    int pairs = 0;
    for (int u = 0; u < users; u++) {
      List<ClientMessage> history = im.users().history("u" + u, "C2C" + bot, Integer.MAX_VALUE);
      ClientMessage previous = null;
      int previousN = -1;
      for (ClientMessage m : history) {
        if (!bot.equals(m.from()) || m.body().isEmpty() || !(m.body().get(0) instanceof TextElem t)
            || !t.text().startsWith(PREFIX)) {
          continue;
        }
        int n = Integer.parseInt(t.text().substring(PREFIX.length()));
        replies.merge(n, 1, Integer::sum);
        if (previous != null && previous.time() == m.time()) {
          pairs++;
          if (ackedAt.getOrDefault(n, Long.MAX_VALUE) < sentAt.getOrDefault(previousN, Long.MIN_VALUE)) {
            outOfOrder++;
            if (outOfOrder <= 5) {
              System.err.printf("out of order in C2C u%d: m%d (MsgSeq %d) before m%d (MsgSeq %d), both at %d%n", u,
                  previousN, previous.msgSeq(), n, m.msgSeq(), m.time());
            }
          }
        }
        previous = m;
        previousN = n;
      }
    }
    int unanswered = 0;
    for (int n : acknowledged) {
      if (!replies.containsKey(n)) {
        unanswered++;
      }
    }
    int duplicated = (int) replies.values().stream().filter(c -> c > 1).count();
    return new Tally(acknowledged.size(), replies.size(), unanswered, duplicated, outOfOrder, pairs);
  }

  /**
   * Waits until the stream's callbacks are answered by the bot, then until every acknowledged
   * message is answered (or {@code max}), then a second more for late duplicates; then counts.
   */
  public static Tally settle(CallbackStream stream, java.util.function.Supplier<Tally> tally, java.time.Duration max)
      throws InterruptedException {
    stream.drain();
    long deadline = System.nanoTime() + max.toNanos();
    Tally t = tally.get();
    while (t.unanswered() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      t = tally.get();
    }
    Thread.sleep(1000); // late duplicates would land now
    return tally.get();
  }

  public boolean clean() {
    return unanswered == 0 && duplicated == 0 && outOfOrder == 0;
  }

  @Override
  public String toString() {
    return String.format("acknowledged %d, answered %d, acknowledged-but-unanswered %d, answered twice %d, "
        + "same-second pairs out of order %d of %d", acknowledged, answered, unanswered, duplicated, outOfOrder,
        sameSecondPairs);
  }
}
