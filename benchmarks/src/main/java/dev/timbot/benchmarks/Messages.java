package dev.timbot.benchmarks;

import dev.timbot.message.TextElem;
import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.ReceivedCallback;
import java.time.Instant;
import java.util.List;

/** Parsed callbacks for harnesses that feed {@code bot.callbackSink()} directly. */
final class Messages {
  private Messages() {}

  /** A delivered {@code Bot.OnC2CMessage} from {@code from} to {@code bot}, unique by {@code seq}. */
  static ReceivedCallback c2c(String from, String bot, long seq, String text) {
    long now = Instant.now().getEpochSecond();
    C2CMessageCallback cb = new C2CMessageCallback(CallbackCommand.BOT_ON_C2C_MESSAGE, from, bot, seq, 99, now,
        seq + "_99_" + now, "144115-" + now + "-" + seq, 0, 0, "send msg succeed", 1, List.of(TextElem.of(text)),
        null, System.currentTimeMillis());
    return new ReceivedCallback(cb, "127.0.0.1", "RESTAPI", Instant.now());
  }
}
