package dev.timbot.benchmarks;

import dev.timbot.Bot;
import dev.timbot.tencent.CallbackEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Callback bodies for harnesses that feed {@code bot.callbacks()} directly (no HTTP). */
final class Messages {
  private Messages() {}

  /** A {@code Bot.OnC2CMessage} body from {@code from} to {@code bot}, unique by {@code seq}. */
  static byte[] c2c(String from, String bot, long seq, String text) {
    long now = Instant.now().getEpochSecond();
    String json = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"" + from + "\",\"To_Account\":\""
        + bot + "\",\"MsgSeq\":" + seq + ",\"MsgRandom\":99,\"MsgTime\":" + now + ",\"MsgKey\":\"" + seq + "_99_" + now
        + "\",\"MsgId\":\"144115-" + now + "-" + seq + "\",\"OnlineOnlyFlag\":0,\"SendMsgResult\":0,"
        + "\"ErrorInfo\":\"send msg succeed\",\"UnreadMsgNum\":1,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\","
        + "\"MsgContent\":{\"Text\":\"" + text + "\"}}],\"EventTime\":" + System.currentTimeMillis() + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Hands {@code body} to the bot's endpoint (an unsigned bot) and fails unless it is acknowledged. */
  static void deliver(Bot bot, byte[] body) {
    CallbackEndpoint.Response r = bot.callbacks().handle(Map.of("SdkAppid",
        Long.toString(bot.config().tim().sdkAppId()), "CallbackCommand", "Bot.OnC2CMessage"), body);
    if (r.status() != 200) {
      throw new IllegalStateException("callback refused: " + r.status() + " " + r.body());
    }
  }
}
